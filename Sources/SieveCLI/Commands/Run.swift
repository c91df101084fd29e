import ArgumentParser
import Foundation
import SieveCore
import SieveEngine

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every run of the grid that is not done yet, then write the tables.")

    @OptionGroup var options: SpecArgument

    @Option(name: .shortAndLong, help: "Runs at once (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: "Output folder (overrides the spec's `output`).")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        let summary = try Failure.reporting {
            let experiment = try SpecChecker.load(path: options.spec)
            let runner = ExperimentRunner(experiment, output: output)
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            let quiet = self.quiet
            if !quiet { print("sieve: \(experiment.name): loading data and planning runs…") }
            return try runner.run(jobs: jobs) { record, finished, total in
                guard !quiet else { return }
                let width = String(total).count
                let position = "[\(String(finished).leftPadded(width))/\(total)]"
                if record.status == .done {
                    let id = record.metrics(on: "id").map { "ID RMSE \(NumberText.fixed($0.rmse, 4))" } ?? ""
                    print("\(position) \(record.key.model) size=\(record.key.trainSize) seed=\(record.key.seed): \(id) "
                          + "(fit \(NumberText.fixed(record.fitSeconds, 1)) s)")
                } else {
                    print("\(position) FAILED \(record.key.canonical): \(record.error ?? "unknown error")")
                }
            }
        }
        print("sieve: \(summary.planned) runs (\(summary.reused) already done, \(summary.ranNow) run now, "
              + "\(summary.failed.count) failed) in \(NumberText.fixed(summary.seconds, 1)) s.")
        print("Tables in \(summary.output)/: " + summary.files.map { PathText.fileName(of: $0) }.joined(separator: ", "))
        if !summary.failed.isEmpty {
            Failure.printError("\(summary.failed.count) run(s) failed:\n"
                               + summary.failed.map { "  \($0.key.canonical): \($0.error ?? "unknown error")" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
