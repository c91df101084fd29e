import Foundation
import Testing
import SieveTestSupport

/// A `kind: command` model must not outlive `sieve`: not after a second Ctrl-C, which exits at
/// once, and not after `kill -9`. The model is a shell script that starts a child of its own and
/// waits; both write their pids, and the tests check that neither still runs.
@Suite(.serialized) struct CommandCleanupTests {
    /// A spec whose one run starts `model.sh`, which records its pid and its child's and sleeps.
    static func slowCommandSpec() throws -> (spec: String, folder: String) {
        let folder = BinaryTests.folder()
        try """
            echo $$ > "$PID_DIR/model.pid"
            sleep 300 &
            echo $! > "$PID_DIR/child.pid"
            wait
            """.write(toFile: folder + "/model.sh", atomically: true, encoding: .utf8)
        let spec = folder + "/spec.yaml"
        try """
            name: slow
            dataset: {path: \(BinaryTests.root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
            models:
              slow: {kind: command, command: [sh, model.sh], environment: {PID_DIR: \(folder)}}
            train_sizes: [100]
            output: out
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        return (spec, folder)
    }

    /// `sieve run` in the background with its standard error in a file, started and reaped by
    /// hand: Foundation's `Process` can wait forever for a child whose orphans inherited its
    /// descriptors, which is exactly what happens when the command outlives sieve.
    struct Running {
        let pid: pid_t
        let errorFile: String

        init(_ arguments: [String], errorFile: String) throws {
            let binary = try BinaryTests.checkedBinary()
            self.errorFile = errorFile
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let argv = ([binary] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let status = posix_spawn(&pid, binary, &actions, nil, argv, environ)
            guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
            self.pid = pid
        }

        var standardError: String { (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "" }

        /// The raw wait status once sieve has ended, polled for at most `seconds`; nil if it runs on.
        func exitStatus(within seconds: Double) -> Int32? {
            var raw: Int32 = 0
            var done = false
            _ = Processes.eventually(within: seconds) {
                done = done || waitpid(pid, &raw, WNOHANG) == pid
                return done
            }
            return done ? raw : nil
        }

        /// Makes sure sieve is gone and reaped (for a failing test).
        func stop() {
            if kill(pid, SIGKILL) == 0 { _ = exitStatus(within: 10) }
        }
    }

    static func pids(in folder: String) -> [pid_t]? {
        let pids = ["model.pid", "child.pid"].compactMap {
            (try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return pids.count == 2 ? pids : nil
    }

    @Test func theSecondCtrlCStopsTheRunningCommandBeforeSieveExits() throws {
        let (spec, folder) = try Self.slowCommandSpec()
        let sieve = try Running(["run", spec, "--jobs", "1"], errorFile: folder + "/stderr.txt")
        defer { sieve.stop() }
        #expect(Processes.eventually(within: 120) { Self.pids(in: folder) != nil }, "the command never started")
        let pids = try #require(Self.pids(in: folder))
        defer { for pid in pids { kill(pid, SIGKILL) } }

        kill(sieve.pid, SIGINT)
        #expect(Processes.eventually(within: 30) { sieve.standardError.contains("press Ctrl-C again to stop at once") },
                "the first Ctrl-C was not acknowledged: \(sieve.standardError)")
        #expect(pids.allSatisfy { !Processes.isGone($0) }, "the first Ctrl-C lets the run under way go on")
        kill(sieve.pid, SIGINT)
        let status = try #require(sieve.exitStatus(within: 30), "sieve did not exit on the second Ctrl-C")
        #expect(status & 0x7F == 0 && (status >> 8) & 0xFF == 130, "wait status \(status)")
        // Checked at once, not polled: sieve stops the command's group before it exits.
        for pid in pids { #expect(Processes.isGone(pid), "process \(pid) of the command still runs after sieve exited") }
        #expect(sieve.standardError.contains("stopped at once and 1 external command"), "\(sieve.standardError)")
    }

    @Test func killNineOfSieveLeavesNoCommandRunning() throws {
        let (spec, folder) = try Self.slowCommandSpec()
        let sieve = try Running(["run", spec, "--jobs", "1"], errorFile: folder + "/stderr.txt")
        defer { sieve.stop() }
        #expect(Processes.eventually(within: 120) { Self.pids(in: folder) != nil }, "the command never started")
        let pids = try #require(Self.pids(in: folder))
        defer { for pid in pids { kill(pid, SIGKILL) } }

        kill(sieve.pid, SIGKILL)
        let status = try #require(sieve.exitStatus(within: 30), "sieve did not die of kill -9")
        #expect(status & 0x7F == SIGKILL, "wait status \(status)")
        // Nothing in sieve runs any more: the command's watchdog must notice and stop its group.
        #expect(Processes.eventually(within: 10) { pids.allSatisfy(Processes.isGone) },
                "the command outlived sieve: \(pids.filter { !Processes.isGone($0) })")
    }
}
