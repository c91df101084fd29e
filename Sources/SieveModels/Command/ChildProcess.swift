import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a process group of its own, with its output in files, and a timeout that
/// stops the whole group (the program and anything it started).
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

    /// Starts the program and waits for it; throws when it cannot be started.
    func run() throws -> Outcome {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&fileActions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        // posix_spawn has no working-directory action in glibc 2.36; run through /bin/sh -c 'cd …'
        // would re-parse arguments, so change into the folder with `env -C` instead.
        let argv = ["/usr/bin/env", "-C", workingDirectory] + arguments
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var pid: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in
                posix_spawn(&pid, "/usr/bin/env", &fileActions, &attributes, cArgv, cEnv)
            }
        }
        guard status == 0 else {
            throw ModelError.command("The command \(arguments.joined(separator: " ")) could not be started: "
                                     + String(cString: strerror(status)) + ".")
        }
        let finished = DispatchSemaphore(value: 0)
        let waitStatus = WaitStatus()
        let child = pid
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            waitStatus.value = raw
            finished.signal()
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(-child, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(-child, SIGKILL)
                finished.wait()
            }
            Self.stopGroup(child)
            return .timedOut
        }
        // Stop anything the program left running in its group.
        Self.stopGroup(child)
        let raw = waitStatus.value
        if raw & 0x7F == 0 { return .exited((raw >> 8) & 0xFF) }
        return .signalled(raw & 0x7F)
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
