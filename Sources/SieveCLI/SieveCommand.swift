import ArgumentParser
import SieveEngine
import SieveStore

/// The `sieve` command tree.
public struct SieveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sieve",
        abstract: "Batch machine-learning experiments on materials data: learning curves, ID and OOD tests.",
        discussion: """
            A YAML spec declares a dataset, test splits, models, training-set sizes and seeds. \
            `sieve run` expands the grid, runs it across cores, and writes RMSE tables and learning curves.
            """,
        version: SieveVersion.version,
        subcommands: [Validate.self, Plan.self, Run.self, Report.self, Unlock.self, Slurm.self, DescribeCommand.self])

    public init() {}
}

/// Options every command that reads a spec takes.
struct SpecArgument: ParsableArguments {
    @Argument(help: "The experiment spec (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var spec: String
}

/// The spec and where its results go: what every command working on results takes.
struct ExperimentOptions: ParsableArguments {
    @OptionGroup var spec: SpecArgument

    @Option(help: "Output folder (overrides the spec's `output`).")
    var output: String?

    @Option(help: ArgumentHelp("Seconds after which a claim of another host that was not refreshed is stale and taken over.",
                               valueName: "seconds"))
    var lease: Double = ClaimRegistry.defaultLease

    func validate() throws {
        if !(lease > 0 && lease.isFinite) { throw ValidationError("--lease takes a positive number of seconds, got \(lease).") }
    }

    /// Reads and checks the spec; the runner for its output folder.
    func runner() throws -> ExperimentRunner {
        try ExperimentRunner(specPath: spec.spec, output: output, lease: lease)
    }
}
