import Foundation
import Synchronization
import Testing
@testable import SieveModels
import SieveTestSupport

/// The process handling under command models: groups stopped on demand, signals reset, and a
/// watchdog that leads every group.
@Suite struct ChildProcessTests {
    static func folder() -> String { TestFiles.temporaryFolder("sieve-child") }

    static func pid(in path: String) -> pid_t? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func process(_ script: String, in folder: String, groups: CommandProcessGroups, timeout: Double = 60) -> ChildProcess {
        ChildProcess(arguments: ["/bin/sh", "-c", script], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: folder,
                     standardOutput: folder + "/out.txt", standardError: folder + "/err.txt", timeout: timeout, groups: groups)
    }

    @Test(.timeLimit(.minutes(1))) func stopAllKillsEveryRunningGroupAndRefusesNewOnes() throws {
        let folder = Self.folder()
        let groups = CommandProcessGroups()
        let child = process("sleep 300 & echo $! > child.pid; echo $$ > model.pid; wait", in: folder, groups: groups)
        let outcome = Mutex<ChildProcess.Outcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = try? child.run()
            outcome.withLock { $0 = result }
            done.signal()
        }
        #expect(Processes.eventually(within: 30) { Self.pid(in: folder + "/child.pid") != nil && Self.pid(in: folder + "/model.pid") != nil })
        let model = try #require(Self.pid(in: folder + "/model.pid")), sleeper = try #require(Self.pid(in: folder + "/child.pid"))
        defer { kill(model, SIGKILL); kill(sleeper, SIGKILL) }
        #expect(groups.running.count == 1)

        let stopped = groups.stopAll()
        #expect(stopped.count == 1)
        // stopAll returns once nothing of the group runs: no polling needed here.
        #expect(Processes.isGone(model) && Processes.isGone(sleeper))
        done.wait()
        #expect(outcome.withLock { $0 } == .signalled(SIGKILL))
        #expect(groups.running.isEmpty)
        #expect(throws: ModelError.self) { try process("true", in: folder, groups: groups).run() }
    }

    @Test func theCommandGetsDefaultSignalsThoughSieveIgnoresThem() throws {
        // Sieve ignores SIGINT and SIGTERM while it runs (its interrupt handler), and ignored
        // signals survive exec: a command's timeout SIGTERM was ignored, leaving only SIGKILL.
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        let folder = Self.folder()
        let outcome = try process("grep SigIgn /proc/$$/status", in: folder, groups: CommandProcessGroups()).run()
        #expect(outcome == .exited(0))
        let line = try String(contentsOfFile: folder + "/out.txt", encoding: .utf8)
        let mask = try #require(UInt64(line.split(separator: "\t").last!.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16))
        for signal in [SIGINT, SIGTERM, SIGPIPE] {
            #expect(mask & (1 << UInt64(signal - 1)) == 0, "signal \(signal) is still ignored in the command (SigIgn \(line))")
        }
    }

    @Test func theCommandInheritsNoDescriptorBeyondItsThreeStandardOnes() throws {
        let stray = open("/dev/null", O_RDONLY)  // not close-on-exec, as a careless caller's would be
        defer { close(stray) }
        let folder = Self.folder()
        let outcome = try process("ls /proc/$$/fd", in: folder, groups: CommandProcessGroups()).run()
        #expect(outcome == .exited(0))
        let descriptors = try String(contentsOfFile: folder + "/out.txt", encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        // ls itself may hold one more while it lists the folder, but never Sieve's stray one.
        #expect(Set(descriptors).isSuperset(of: [0, 1, 2]) && !descriptors.contains(stray), "\(descriptors), stray \(stray)")
    }

    @Test func theGroupIsLedByAWatchdogThatIsReapedAfterTheRun() throws {
        let folder = Self.folder()
        let outcome = try process("ps -o pgid= -p $$ > group.txt; ps -o args= -p $(ps -o pgid= -p $$) > leader.txt",
                                  in: folder, groups: CommandProcessGroups()).run()
        #expect(outcome == .exited(0))
        let leader = try String(contentsOfFile: folder + "/leader.txt", encoding: .utf8)
        #expect(leader.contains("/bin/sh -c \(ChildProcess.watchdogScript)"), "\(leader)")
        let group = try #require(Self.pid(in: folder + "/group.txt"))
        // The watchdog was killed with its group and reaped: not even a zombie is left.
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(group)"))
    }
}
