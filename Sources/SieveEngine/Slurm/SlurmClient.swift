import Foundation
import SieveCore
import SieveStore

/// Talks to a real Slurm through its commands (`sbatch`, `scontrol`), which must be on PATH with
/// `SLURM_CONF` set as the cluster needs. Accounting (`sacct`) is not assumed.
public struct SlurmClient: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What was submitted, kept in `<output>/slurm/jobs.json` for `sieve slurm status`.
    public struct Submission: Codable, Sendable, Equatable {
        public var arrayJobs: [String]
        public var mergeJob: String
        public var shards: Int
        public var submitted: String
    }

    public init() {}

    /// Slurm's `MaxArraySize` (1001 when it cannot be read).
    public func maxArraySize() -> Int {
        guard let out = try? Self.run(["scontrol", "show", "config"]) else { return 1001 }
        for line in out.split(separator: "\n") where line.hasPrefix("MaxArraySize") {
            if let value = line.split(separator: "=").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) { return value }
        }
        return 1001
    }

    /// Writes the scripts and submits them; returns the job ids.
    public func submit(_ scripts: SlurmScripts) throws -> Submission {
        try AtomicFile.createFolder(PathText.join(scripts.folder, "logs"))
        var arrayJobs: [String] = []
        for (k, text) in scripts.arrays.enumerated() {
            let path = PathText.join(scripts.folder, "array-\(k + 1).sbatch")
            try AtomicFile.write(text, to: path)
            arrayJobs.append(try Self.jobID(Self.run(["sbatch", "--parsable", path])))
        }
        let mergePath = PathText.join(scripts.folder, "merge.sbatch")
        try AtomicFile.write(scripts.merge, to: mergePath)
        let merge = try Self.jobID(Self.run(["sbatch", "--parsable", "--dependency=afterok:" + arrayJobs.joined(separator: ":"),
                                             "--kill-on-invalid-dep=yes", mergePath]))
        let submission = Submission(arrayJobs: arrayJobs, mergeJob: merge, shards: scripts.shards,
                                    submitted: Date().formatted(.iso8601))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write([UInt8](try encoder.encode(submission)), to: PathText.join(scripts.folder, "jobs.json"))
        return submission
    }

    /// The submission recorded in `<output>/slurm/jobs.json`, if any.
    public func lastSubmission(output: String) -> Submission? {
        guard let data = FileManager.default.contents(atPath: PathText.join(output, "slurm/jobs.json")) else { return nil }
        return try? JSONDecoder().decode(Submission.self, from: data)
    }

    /// One job or array task as `scontrol show job` reports it.
    public struct JobState: Sendable, Equatable {
        public var jobID: String
        public var arrayTask: String?
        public var state: String
        public var reason: String
    }

    /// The states of a job (every task of an array job), from `scontrol` (jobs are kept there for
    /// `MinJobAge` seconds after they end).
    public func states(of job: String) throws -> [JobState] {
        let out = try Self.run(["scontrol", "show", "job", job])
        var states: [JobState] = []
        for record in out.components(separatedBy: "\n\n") where record.contains("JobId=") {
            var fields: [String: String] = [:]
            for token in record.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let pair = token.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            states.append(JobState(jobID: fields["JobId"] ?? job, arrayTask: fields["ArrayTaskId"],
                                   state: fields["JobState"] ?? "UNKNOWN", reason: fields["Reason"] ?? ""))
        }
        return states
    }

    static func jobID(_ output: String) throws -> String {
        let id = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw Failure(description: "sbatch answered '\(output)', not a job id.") }
        return id
    }

    /// Runs a Slurm command and returns its standard output; throws with its standard error.
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw Failure(description: "Could not run \(arguments[0]): \(error.localizedDescription). Is Slurm installed?")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed: "
                          + String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
