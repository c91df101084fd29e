import Foundation
import SieveCore

/// A model Sieve does not implement (ALIGNN, CrabNet, any script), run as an external command.
///
/// For each run, Sieve writes the training rows (with targets) and the test rows (without) as CSV
/// files in the run's work folder, runs the command from the spec's folder with the three paths
/// appended as arguments (or substituted for `{train}`, `{test}`, `{predictions}` when the command
/// names them) and in the environment (`SIEVE_TRAIN`, `SIEVE_TEST`, `SIEVE_PREDICTIONS`, plus
/// `SIEVE_SEED`, `SIEVE_THREADS`, `SIEVE_WORK_DIR`, `SIEVE_RUN`), and reads the predictions back.
///
/// Files: the first column is `row_id`; then `target` (training file only) and the features, or
/// the dataset's original columns (`input: original`, for models that read formulas). The
/// predictions file needs a `prediction` column, one row per test row, either in test-file order
/// or matched by a `row_id` column. A non-zero exit, a timeout, or a missing or malformed
/// predictions file fails the run with the command's last lines of standard error.
public struct CommandModel: ConfigurableModel, Equatable {
    public enum Input: String, Sendable, CaseIterable { case features, original }

    public var command: [String]
    public var timeout: Double = 3600
    public var input: Input = .features
    /// Extra environment variables for the command.
    public var environment: [String: String] = [:]
    /// The folder the command runs in (the spec's folder), so relative script paths work.
    public var workingDirectory: String = "."

    public init(command: [String] = []) { self.command = command }

    public init() { self.init(command: []) }

    public var usesOriginalColumns: Bool { input == .original }

    /// Relative paths in the command resolve against the spec's folder.
    public mutating func configure(specFolder: String) { workingDirectory = specFolder }

    public static let kind = "command"
    public static let summary = "Any external program: Sieve writes train/test CSVs, runs it, and reads its predictions."
    public static let parameters: [ModelParameter<CommandModel>] = [
        ModelParameter("command", summary: "the program and its arguments, run from the spec's folder without a shell",
                       allowed: "a list of words", read: { node, log, model in
            // Sieve runs no shell: a string with spaces would be one program name with spaces in it.
            if let text = node.string, text.contains(where: \.isWhitespace) {
                let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
                log.error(node, "command is a list of words, run without a shell: write [\(words.joined(separator: ", "))], not one string.")
                model.command = words
                return
            }
            if let words = log.strings(node, "command") { model.command = words }
        }, text: { "[" + $0.command.joined(separator: ", ") + "]" }, check: { m in
            !m.command.isEmpty && !m.command[0].isEmpty ? nil : "command needs the program to run, e.g. [python3, models/knn.py]."
        }, vary: { $0.command.append("--other") }),
        ModelParameter("timeout", summary: "seconds before the command's process group is stopped and the run fails",
                       allowed: "> 0", read: { node, log, model in
            if let v = log.number(node, "timeout") { model.timeout = v }
        }, text: { $0.timeout.description }, check: { m in
            m.timeout > 0 ? nil : "timeout must be a positive number of seconds, got \(m.timeout)."
        }, vary: { $0.timeout += 1 }),
        .choice("input", \.input, summary: "what the CSVs hold: Sieve's features or the dataset's original columns"),
        ModelParameter("environment", summary: "extra environment variables for the command",
                       allowed: "a mapping of names to plain values", read: { node, log, model in
            guard let pairs = node.mapping else {
                log.error(node, "environment must map variable names to values, not \(node.kindDescription).")
                return
            }
            for (key, value) in pairs {
                guard let name = log.string(key, "An environment variable's name") else { continue }
                switch value.value {
                case .string, .int, .double, .bool: model.environment[name] = value.description
                default: log.error(value, "The environment variable \(name) needs a plain value, not \(value.kindDescription).")
                }
            }
        }, text: { m in
            "{" + m.environment.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }, vary: { $0.environment["SIEVE_TEST_VARIANT", default: ""] += "x" }),
    ]

    /// Checking the data is all a command model's fit does: training happens in the command,
    /// which sees the training and test rows together.
    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try checkTrainingData(data)
        if input == .original && data.store.originals == nil {
            throw ModelError.command("The command model asks for the original columns, but the data kept none.")
        }
        return FittedCommand(model: self, training: data, context: context)
    }
}

/// A command model with its training rows, which runs the command when asked to predict.
public struct FittedCommand: FittedModel {
    let model: CommandModel
    let training: TrainingData
    let context: FitContext

    /// Each prediction runs the command (retraining it): one per feature and repeat is too many.
    public var supportsPermutationImportance: Bool { false }

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        try checkPredictionData(store, rows: rows, trainedFeatures: training.store.featureCount)
        // Absolute paths: the command runs in the spec's folder, not Sieve's.
        let folder = PathText.resolve(context.workDirectory ?? (NSTemporaryDirectory() + "sieve-command-\(UUID().uuidString)"),
                                      against: FileManager.default.currentDirectoryPath)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let trainPath = PathText.join(folder, "train.csv"), testPath = PathText.join(folder, "test.csv")
        let predictionsPath = PathText.join(folder, "predictions.csv")
        try? FileManager.default.removeItem(atPath: predictionsPath)
        try CommandFiles.write(training.store, rows: training.rows, targets: training.targets, input: model.input, to: trainPath)
        try CommandFiles.write(store, rows: rows, targets: nil, input: model.input, to: testPath)

        let placeholders = ["{train}": trainPath, "{test}": testPath, "{predictions}": predictionsPath]
        var arguments = model.command.map { argument in
            placeholders.reduce(argument) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        if !model.command.contains(where: { arg in placeholders.keys.contains { arg.contains($0) } }) {
            arguments += [trainPath, testPath, predictionsPath]
        }
        var environment = ProcessInfo.processInfo.environment.merging(model.environment) { _, new in new }
        environment["SIEVE_TRAIN"] = trainPath
        environment["SIEVE_TEST"] = testPath
        environment["SIEVE_PREDICTIONS"] = predictionsPath
        environment["SIEVE_SEED"] = String(context.seed)
        environment["SIEVE_THREADS"] = String(context.threads)
        environment["SIEVE_WORK_DIR"] = folder
        environment["SIEVE_RUN"] = context.label
        let errorPath = PathText.join(folder, "stderr.txt")
        let outcome = try ChildProcess(arguments: arguments, environment: environment, workingDirectory: model.workingDirectory,
                                       standardOutput: PathText.join(folder, "stdout.txt"), standardError: errorPath,
                                       timeout: model.timeout).run()
        let shown = model.command.joined(separator: " ")
        func failure(_ what: String) -> ModelError {
            let tail = ChildProcess.tail(of: errorPath, lines: 10)
            return .command("The command `\(shown)` \(what)." + (tail.isEmpty ? " It wrote nothing to standard error."
                                                                       : " Its last standard error lines:\n\(tail)"))
        }
        switch outcome {
        case .exited(0): break
        case let .exited(code): throw failure("exited with status \(code)")
        case let .signalled(signal): throw failure("was killed by signal \(signal)")
        case .timedOut: throw failure("did not finish within \(model.timeout) s and was stopped")
        }
        do {
            return try CommandFiles.readPredictions(predictionsPath, rows: rows)
        } catch let error as CommandFiles.Problem {
            throw failure("exited normally, but \(error.description)")
        }
    }
}
