import ArgumentParser
import Foundation
import SieveCore
import SieveEngine
import SieveStore

struct Slurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the grid on a Slurm cluster: a job array of shards and a merge job.",
        subcommands: [Submit.self, Status.self], defaultSubcommand: Submit.self)

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write and submit an sbatch job array (task i runs shard i of N) and a dependent merge job.",
            discussion: """
                The spec, the data, the output folder and the sieve binary must be on a file system every node \
                sees. Submitting again after a failure runs only what is not done yet. The merge job is \
                submitted with --dependency=afterok and --kill-on-invalid-dep=yes, so a broken shard cancels it \
                instead of leaving it pending.
                """)

        @OptionGroup var options: ExperimentOptions

        @Option(help: "Shards (array tasks); default: one per 20 runs, at most 100.")
        var shards: Int?

        @Option(help: "CPUs per task; each task runs its shard with this many jobs.")
        var cpusPerTask = 1

        @Option(help: "Slurm partition.")
        var partition: String?

        @Option(help: "Time limit per task, in Slurm's format (e.g. 2:00:00).")
        var time: String?

        @Option(help: "At most this many array tasks at once.")
        var arrayParallelism: Int?

        @Flag(help: "Print the scripts; submit nothing.")
        var dryRun = false

        func validate() throws {
            if let shards, shards < 1 { throw ValidationError("--shards must be at least 1.") }
            if cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1.") }
            if let k = arrayParallelism, k < 1 { throw ValidationError("--array-parallelism must be at least 1.") }
        }

        func run() throws {
            try Failure.reporting {
                let runner = try options.runner()
                let experiment = runner.experiment
                let (_, plan) = try runner.prepare()
                let cwd = FileManager.default.currentDirectoryPath
                let client = SlurmClient()
                var slurmOptions = SlurmScripts.Options(shards: min(shards ?? min(100, max(1, plan.runs.count / 20)), plan.runs.count))
                slurmOptions.cpusPerTask = cpusPerTask
                slurmOptions.partition = partition
                slurmOptions.time = time
                slurmOptions.arrayParallelism = arrayParallelism
                if !dryRun { slurmOptions.maxArraySize = client.maxArraySize() }
                let scripts = SlurmScripts(name: experiment.name, spec: PathText.resolve(options.spec.spec, against: cwd),
                                           output: PathText.resolve(runner.output, against: cwd),
                                           sieve: Self.executablePath(), options: slurmOptions)
                if dryRun {
                    for (k, text) in scripts.arrays.enumerated() { print("# array-\(k + 1).sbatch\n" + text) }
                    print("# merge.sbatch (submitted with --dependency=afterok:<array jobs> --kill-on-invalid-dep=yes)\n" + scripts.merge)
                    return
                }
                do {
                    let submission = try client.submit(scripts)
                    print("Submitted \(plan.runs.count) runs as \(slurmOptions.shards) shards: array job(s) "
                          + submission.arrayJobs.joined(separator: ", ") + ", merge job \(submission.mergeJob).")
                    print("Follow with `sieve slurm status \(options.spec.spec)`; scripts and logs in \(scripts.folder)/.")
                } catch let error as SlurmClient.Failure {
                    Failure.printError("error: \(error)")
                    throw ExitCode(69)
                }
            }
        }

        static func executablePath() -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the state of the last submission and of the runs.")

        @OptionGroup var options: ExperimentOptions

        func run() throws {
            try Failure.reporting {
                let runner = try options.runner()
                let client = SlurmClient()
                guard let submission = client.lastSubmission(output: runner.output) else {
                    print("Nothing was submitted for \(runner.output) yet (no slurm/jobs.json).")
                    return
                }
                print("Submitted \(submission.submitted): \(submission.shards) shards.")
                for job in submission.arrayJobs + [submission.mergeJob] {
                    do {
                        let states = try client.states(of: job)
                        let counts = Dictionary(grouping: states, by: \.state).mapValues(\.count)
                        let label = job == submission.mergeJob ? "merge job \(job)" : "array job \(job)"
                        print("\(label): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.lowercased())" }
                            .joined(separator: ", "))
                    } catch {
                        print("job \(job): no longer known to scontrol (jobs are kept for MinJobAge after they end).")
                    }
                }
                let (_, plan) = try runner.prepare()
                let states = RunStore(output: runner.output).states(of: plan)
                let counts = Dictionary(grouping: states, by: \.status).mapValues(\.count)
                print("Runs: " + [RunState.Status.done, .failed, .running, .interrupted, .pending, .stale, .corrupt]
                    .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + ".")
            }
        }
    }
}
