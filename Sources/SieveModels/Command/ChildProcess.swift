import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a process group of its own, with its output in files, and a timeout that
/// stops the whole group (the program and anything it started).
///
/// The group never outlives Sieve. Its leader is a watchdog, `/bin/sh` reading one end of a socket
/// pair whose other end only Sieve holds (close-on-exec, so no child inherits it); the program joins
/// the watchdog's group. However Sieve ends (normal exit, `exit` on a second Ctrl-C, `kill -9`,
/// a crash), the kernel closes its end, the watchdog's `read` returns, and it kills its group.
/// A parent-death signal (`prctl(PR_SET_PDEATHSIG)`) would not do: `posix_spawn` runs no code
/// between fork and exec, the signal fires when the spawning *thread* ends, and it reaches only
/// the direct child, not what that child started. The group is also registered in
/// ``CommandProcessGroups`` so a second Ctrl-C stops it before Sieve exits.
///
/// Why not swiftlang/swift-subprocess (1.0.2, issue 12): it has process groups, group-wide
/// teardown, signal reset and descriptor closing, but no parent-death handling on Linux (no hook
/// between fork and exec there), so the watchdog stays either way; it has no timeout of its own
/// (a task cancelled with a teardown sequence) and is async-only, while `predict` is synchronous;
/// and it adds swift-system and about 40 s (debug) to 50 s (release) to a clean build here.
struct ChildProcess {
    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    var standardOutput: String
    var standardError: String
    var timeout: Double
    var groups: CommandProcessGroups = .shared

    /// The watchdog: waits for end-of-file on standard input, then kills its own process group.
    static let watchdogScript = "read -r _; kill -KILL 0"

    /// Starts the program and waits for it; throws when it cannot be started.
    func run() throws -> Outcome {
        // A socket pair rather than a pipe: it can be made close-on-exec atomically (pipe2 is not
        // visible from Swift), so a command started at the same moment by another thread cannot
        // inherit Sieve's end and keep the watchdog waiting.
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw ModelError.command("Could not make a socket pair for the command's watchdog: \(String(cString: strerror(errno))).")
        }
        var (readEnd, writeEnd) = (ends[0], ends[1])
        if readEnd <= 2 {
            // With standard input closed the socket can take descriptor 0, and dup2(0, 0) would
            // keep close-on-exec: move it out of the way first.
            let moved = fcntl(readEnd, F_DUPFD_CLOEXEC, 3)
            close(readEnd)
            readEnd = moved
        }
        defer { close(writeEnd) }
        let watchdog: pid_t
        do {
            defer { close(readEnd) }
            watchdog = try Self.spawn("/bin/sh", ["/bin/sh", "-c", Self.watchdogScript], environment: [],
                                      standardInput: .descriptor(readEnd), standardOutput: "/dev/null",
                                      standardError: "/dev/null", group: 0)
        }
        let group = watchdog
        defer {
            // Whatever happened, nothing of the group survives the run, and the watchdog is reaped.
            Self.stopGroup(group)
            groups.unregister(group)
            var status: Int32 = 0
            while waitpid(watchdog, &status, 0) < 0 && errno == EINTR {}
        }
        guard groups.register(group) else {
            throw ModelError.command("Sieve is stopping, so the command \(arguments.joined(separator: " ")) was not started.")
        }

        // posix_spawn has no working-directory action in glibc 2.36; run through /bin/sh -c 'cd …'
        // would re-parse arguments, so change into the folder with `env -C` instead.
        let child = try Self.spawn("/usr/bin/env", ["/usr/bin/env", "-C", workingDirectory] + arguments,
                                   environment: environment.map { "\($0.key)=\($0.value)" }.sorted(),
                                   standardInput: .path("/dev/null"), standardOutput: standardOutput,
                                   standardError: standardError, group: group)
        let finished = DispatchSemaphore(value: 0)
        let waitStatus = WaitStatus()
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            waitStatus.value = raw
            finished.signal()
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(-group, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(-group, SIGKILL)
                finished.wait()
            }
            return .timedOut
        }
        let raw = waitStatus.value
        if raw & 0x7F == 0 { return .exited((raw >> 8) & 0xFF) }
        return .signalled(raw & 0x7F)
    }

    enum Input {
        case path(String)
        case descriptor(Int32)
    }

    /// Starts `argv` in process group `group` (0: a new group it leads), with signals a command
    /// expects at their defaults (Sieve ignores SIGINT, SIGTERM and SIGPIPE itself, and ignored
    /// signals are inherited) and none blocked.
    static func spawn(_ path: String, _ argv: [String], environment: [String], standardInput: Input,
                      standardOutput: String, standardError: String, group: pid_t) throws -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        switch standardInput {
        case let .path(input): posix_spawn_file_actions_addopen(&fileActions, 0, input, O_RDONLY, 0)
        case let .descriptor(fd): posix_spawn_file_actions_adddup2(&fileActions, fd, 0)
        }
        posix_spawn_file_actions_addopen(&fileActions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&fileActions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Nothing else of Sieve's: an inherited descriptor (a pipe a caller reads to its end, say)
        // would stay open as long as the command runs.
        _ = addCloseFrom?(&fileActions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, group)
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var pid: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(environment) { cEnv in posix_spawn(&pid, path, &fileActions, &attributes, cArgv, cEnv) }
        }
        guard status == 0 else {
            throw ModelError.command("The command \(argv.dropFirst(path == "/usr/bin/env" ? 3 : 0).joined(separator: " ")) "
                                     + "could not be started: " + String(cString: strerror(status)) + ".")
        }
        return pid
    }

    /// Kills every process of group `group` and waits (at most two seconds) until none of them
    /// runs any more, so a model's helpers never outlive its run (and keep, say, GPU memory).
    static func stopGroup(_ group: pid_t) {
        kill(-group, SIGKILL)
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline && groupHasLiveMembers(group) { usleep(5_000) }
    }

    /// Whether any process of `group` is alive and not yet a zombie (read from /proc).
    static func groupHasLiveMembers(_ group: pid_t) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // fields[0] is the state, fields[2] the process group.
            if fields.count > 2, fields[2] == "\(group)", fields[0] != "Z", fields[0] != "X" { return true }
        }
        return false
    }

    /// The last `count` lines of a file, for error messages.
    static func tail(of path: String, lines count: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.suffix(count + 1).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
/// it is a GNU extension, which Swift's Glibc module does not declare.
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
}()

/// The child's raw wait status, handed from the waiting thread (ordered by the semaphore).
private final class WaitStatus: @unchecked Sendable {
    var value: Int32 = 0
}

/// Calls `body` with a NULL-terminated array of C strings.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
