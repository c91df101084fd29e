import Foundation
import Testing
import SieveTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Claims on runs and campaigns through the binary: a process stopped at every step of the
/// claim → run → record protocol (by the SIEVE_FAULT switch, not by racing a kill against the
/// clock) resumes to the uninterrupted outputs; markers left by the dead, empty ones, and other
/// hosts' expired ones are taken over; a held one is not, and the exit status says so.
@Suite(.serialized) struct ClaimTests {
    /// A grid of 12 runs and 2 active-learning campaigns whose result nothing else waits for.
    static func spec(in folder: String, extra: String = "") throws -> String {
        try TestFiles.write(StoreSafetyTests.spec(name: "claims") + """

            active_learning:
              strategies: [random]
              initial: 20
              batch: 20
              stop: 80
              evaluate: [rf]
              seeds: 2
            output: out
            \(extra)
            """, in: folder)
    }

    static func outputs(_ folder: String) throws -> [String] {
        try ["rmse_table.md", "rmse_table.csv", "curves.csv", "al_curves.csv", "campaigns.csv"].map {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
        } + [RunsTable.withoutTimings(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8))]
    }

    /// Files other than records and checkpoints left in the store: markers, temporaries, work folders.
    static func leftovers(_ folder: String) throws -> [String] {
        try ["runs", "campaigns"].flatMap { sub in
            try FileManager.default.contentsOfDirectory(atPath: folder + "/" + sub).filter { !$0.hasSuffix(".json") }.map { sub + "/" + $0 }
        } + ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/work")) ?? []).map { "work/" + $0 }
    }

    static let whole: String = {
        let folder = BinaryTests.folder()
        let spec = try! ClaimTests.spec(in: folder)
        let run = try! BinaryTests.sieve(["run", spec, "--quiet", "--jobs", "2"])
        precondition(run.status == 0, "the uninterrupted grid failed: \(run.err)")
        return folder + "/out"
    }()

    @Test(arguments: ["marker-created:1", "marker-written:1", "record-written:3", "before-release:3", "marker-written:9",
                      "before-release:8"])
    func aProcessKilledAtAnyStepResumesToTheSameOutputs(fault: String) throws {
        let folder = BinaryTests.folder()
        let spec = try Self.spec(in: folder)
        let killed = try BinaryTests.sieve(["run", spec, "--quiet", "--jobs", "2"], environment: ["SIEVE_FAULT": fault])
        #expect(killed.status != 0, "SIEVE_FAULT=\(fault) must stop the process")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/rmse_table.csv"), "killed before any table was written")
        let resumed = try BinaryTests.sieve(["run", spec, "--quiet", "--jobs", "2"])
        #expect(resumed.status == 0, "\(fault): \(resumed.out) \(resumed.err)")
        #expect(try Self.outputs(folder + "/out") == Self.outputs(Self.whole), "\(fault): resumed outputs differ")
        let left = try Self.leftovers(folder + "/out")
        #expect(left.isEmpty, "\(fault): \(left)")
    }

    /// The grid run whole, then one run's record removed and replaced by a marker.
    static func oneRunMarked(_ marker: String?, age: TimeInterval) throws -> (spec: String, out: String, id: String) {
        let folder = BinaryTests.folder()
        let spec = try Self.spec(in: folder)
        #expect(try BinaryTests.sieve(["run", spec, "--quiet"]).status == 0)
        let runs = folder + "/out/runs"
        let id = try FileManager.default.contentsOfDirectory(atPath: runs).filter { $0.hasSuffix(".json") }.sorted()[3].dropLast(5)
        try FileManager.default.removeItem(atPath: runs + "/\(id).json")
        let path = runs + "/\(id).started"
        try (marker ?? "").write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return (spec, folder + "/out", String(id))
    }

    static func marker(host: String, pid: Int32 = 4_000_000) -> String {
        #"{"host":"\#(host)","pid":\#(pid),"started":"2026-01-01T00:00:00Z"}"#
    }

    @Test func anotherHostsMarkerIsTakenOverOnlyOnceItsLeaseExpired() throws {
        let (spec, out, id) = try Self.oneRunMarked(Self.marker(host: "node-that-died"), age: 0)
        let blocked = try BinaryTests.sieve(["run", spec, "--lease", "120"])
        #expect(blocked.status == 75, "a fresh lease of another host holds the run: \(blocked.out) \(blocked.err)")
        #expect(blocked.out.contains("11 of 12 runs done, 1 not finished (1 held by another process)"), "\(blocked.out)")
        #expect(blocked.err.contains("held by another live process"), "\(blocked.err)")
        let plan = try BinaryTests.sieve(["plan", spec, "--lease", "120"])
        #expect(plan.out.contains("\(id)  running") && plan.out.contains("process 4000000 on node-that-died"), "\(plan.out)")
        let report = try BinaryTests.sieve(["report", spec])
        #expect(report.status == 75, "\(report.err)")
        #expect(try String(contentsOfFile: out + "/rmse_table.csv", encoding: .utf8).contains("1 not run of 2"))

        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: out + "/runs/\(id).started")
        let stalePlan = try BinaryTests.sieve(["plan", spec, "--lease", "120"])
        #expect(stalePlan.out.contains("\(id)  interrupted") && stalePlan.out.contains("lease of 120 s expired"), "\(stalePlan.out)")
        let resumed = try BinaryTests.sieve(["run", spec, "--lease", "120"])
        #expect(resumed.status == 0 && resumed.out.contains("12 of 12 runs done (11 already done, 1 run now)"), "\(resumed.out)")
        #expect(try Self.outputs(out) == Self.outputs(Self.whole))
        #expect(try Self.leftovers(out).isEmpty)
    }

    @Test func emptyAndDeadMarkersOfThisHostAreTakenOver() throws {
        let host = ProcessInfo.processInfo.hostName
        // Empty (killed between creating and writing it, by an older Sieve), and a dead process's.
        for marker in ["", Self.marker(host: host), Self.marker(host: host, pid: getpid())] {
            let (spec, out, _) = try Self.oneRunMarked(marker, age: 0)
            let resumed = try BinaryTests.sieve(["run", spec])
            #expect(resumed.status == 0 && resumed.out.contains("1 run now"), "marker '\(marker)': \(resumed.out) \(resumed.err)")
            #expect(try Self.outputs(out) == Self.outputs(Self.whole))
        }
    }

    @Test func aMarkerLockedByALiveProcessIsNotTakenOverAndUnlockRefusesIt() throws {
        let (spec, out, id) = try Self.oneRunMarked(Self.marker(host: ProcessInfo.processInfo.hostName, pid: getpid()), age: 0)
        let fd = open(out + "/runs/\(id).started", O_RDWR)
        #expect(fd >= 0)
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        #expect(fcntl(fd, 37 /* F_OFD_SETLK */, &lock) == 0)
        let blocked = try BinaryTests.sieve(["run", spec])
        #expect(blocked.status == 75 && blocked.out.contains("1 held by another process"), "\(blocked.out) \(blocked.err)")
        let unlock = try BinaryTests.sieve(["unlock", spec])
        #expect(unlock.status == 0 && unlock.out.contains("kept    run \(id)") && unlock.out.contains("0 claims removed, 1 kept"),
                "\(unlock.out)")
        close(fd)  // the holder dies: its lock goes with it
        let resumed = try BinaryTests.sieve(["run", spec])
        #expect(resumed.status == 0 && resumed.out.contains("1 run now"), "\(resumed.out) \(resumed.err)")
    }

    @Test func unlockRemovesAnotherHostsFreshClaim() throws {
        let (spec, out, id) = try Self.oneRunMarked(Self.marker(host: "node-7"), age: 0)
        let dry = try BinaryTests.sieve(["unlock", spec, "--dry-run"])
        #expect(dry.out.contains("would remove run \(id): process 4000000 on node-7"), "\(dry.out)")
        #expect(FileManager.default.fileExists(atPath: out + "/runs/\(id).started"))
        let unlock = try BinaryTests.sieve(["unlock", spec])
        #expect(unlock.status == 0 && unlock.out.contains("1 claim removed"), "\(unlock.out)")
        let resumed = try BinaryTests.sieve(["run", spec])
        #expect(resumed.status == 0 && resumed.out.contains("1 run now"), "\(resumed.out) \(resumed.err)")
    }

    @Test func aFailedCampaignFailsTheRunAndIsMarkedInEveryOutput() throws {
        let folder = BinaryTests.folder()
        try "import os, sys\nprint('evaluate exploded in', os.environ['SIEVE_RUN'], 'at', os.getcwd(), os.environ['SIEVE_WORK_DIR'], file=sys.stderr)\nsys.exit(3)\n"
            .write(toFile: folder + "/bad.py", atomically: true, encoding: .utf8)
        let temporary = folder + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let spec = try TestFiles.write(StoreSafetyTests.spec(name: "failing").replacingOccurrences(
            of: "  baseline: {kind: mean}", with: "  baseline: {kind: mean}\n  bad: {kind: command, command: [python3, \(folder)/bad.py]}") + """

            active_learning:
              strategies: [random]
              initial: 20
              batch: 20
              stop: 80
              evaluate: [bad]
              seeds: 1
            output: out
            """, in: folder)
        let run = try BinaryTests.sieve(["run", spec, "--quiet"], environment: ["TMPDIR": temporary])
        #expect(run.status == 1, "a failed campaign fails the run: \(run.out) \(run.err)")

        #expect(run.out.contains("1 campaign: 0 done, 1 failed"), "\(run.out)")
        #expect(run.err.contains("1 campaign(s) failed") && run.err.contains("evaluate exploded"), "\(run.err)")
        let campaigns = try String(contentsOfFile: folder + "/out/campaigns.csv", encoding: .utf8)
        #expect(campaigns.contains(",failed,") && campaigns.contains("evaluate exploded"), "\(campaigns)")
        // SIEVE_RUN names the campaign, its seed and iteration; the command works inside the output folder.
        #expect(campaigns.contains("evaluate exploded in active learning random seed=0 "), "\(campaigns)")
        #expect(campaigns.contains(folder + "/out/work/al-"), "\(campaigns)")
        let index = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(index.contains("failed campaign") && index.contains("evaluate exploded"))
        let report = try BinaryTests.sieve(["report", spec])
        #expect(report.status == 1, "\(report.err)")
        // Nothing was written to $TMPDIR.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }
}
