import Foundation
import SieveCore

/// The sbatch scripts that run a grid on Slurm: job arrays whose task i runs shard i of N, and a
/// merge job, submitted with `--dependency=afterok:…` and `--kill-on-invalid-dep=yes`, that
/// writes the tables once every shard is done.
public struct SlurmScripts: Sendable, Equatable {
    public struct Options: Sendable, Equatable {
        public var shards: Int
        public var cpusPerTask = 1
        public var partition: String?
        public var time: String?
        /// At most this many tasks of an array at once (`--array=…%K`).
        public var arrayParallelism: Int?
        /// Largest array Slurm accepts (`MaxArraySize` − 1 tasks fit in one array).
        public var maxArraySize = 1001

        public init(shards: Int) { self.shards = shards }
    }

    /// One array script per chunk of at most `maxArraySize − 1` shards.
    public let arrays: [String]
    public let merge: String
    public let folder: String
    public let shards: Int

    /// Scripts for `spec` (absolute path) writing to `output` (absolute), run by `sieve` (absolute).
    public init(name: String, spec: String, output: String, sieve: String, options: Options) {
        folder = PathText.join(output, "slurm")
        shards = options.shards
        let logs = PathText.join(folder, "logs")
        let chunk = max(1, options.maxArraySize - 1)
        var arrays: [String] = []
        var start = 0
        while start < options.shards {
            let size = min(chunk, options.shards - start)
            var header = ["#!/bin/bash", "#SBATCH --job-name=sieve-\(name)", "#SBATCH --array=0-\(size - 1)"
                            + (options.arrayParallelism.map { "%\($0)" } ?? ""),
                          "#SBATCH --cpus-per-task=\(options.cpusPerTask)", "#SBATCH --output=\(logs)/shard-%A_%a.log"]
            if let p = options.partition { header.append("#SBATCH --partition=\(p)") }
            if let t = options.time { header.append("#SBATCH --time=\(t)") }
            arrays.append((header + [
                "set -uo pipefail",
                "# Shard \(start + 1)–\(start + size) of \(options.shards): task i runs shard \(start) + i + 1.",
                "shard=$(( SLURM_ARRAY_TASK_ID + \(start) + 1 ))",
                "\(Self.quote(sieve)) run \(Self.quote(spec)) --output \(Self.quote(output)) --shard \"$shard/\(options.shards)\" "
                    + "--jobs \"${SLURM_CPUS_PER_TASK:-1}\"",
                "status=$?",
                "# Runs that failed are recorded and reported by the merge; only a broken shard fails the task.",
                "if [ $status -eq 1 ]; then exit 0; fi",
                "exit $status",
            ]).joined(separator: "\n") + "\n")
            start += size
        }
        self.arrays = arrays
        var mergeHeader = ["#!/bin/bash", "#SBATCH --job-name=sieve-\(name)-merge", "#SBATCH --cpus-per-task=1",
                           "#SBATCH --output=\(logs)/merge-%j.log"]
        if let p = options.partition { mergeHeader.append("#SBATCH --partition=\(p)") }
        merge = (mergeHeader + [
            "set -euo pipefail",
            "exec \(Self.quote(sieve)) report \(Self.quote(spec)) --output \(Self.quote(output))",
        ]).joined(separator: "\n") + "\n"
    }

    static func quote(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:=,".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
