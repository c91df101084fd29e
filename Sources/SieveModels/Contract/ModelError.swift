import SieveCore

/// Why a model could not fit or predict.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidParameters([String])
    case tooFewRows(found: Int, needed: Int)
    case nonFiniteFeature(row: Int, column: Int)
    case nonFiniteTarget(row: Int)
    case featureCountMismatch(trained: Int, given: Int)
    case nonFinitePrediction(row: Int)
    case library(String)
    case command(String)

    public var description: String {
        switch self {
        case let .invalidParameters(problems):
            return "The model's parameters are invalid: " + problems.joined(separator: " ")
        case let .tooFewRows(found, needed):
            return "The training set has \(NumberText.counted(found, "row")); the model needs at least \(needed)."
        case let .nonFiniteFeature(row, column):
            return "Feature \(column) of row \(row) is NaN or infinite; models need finite features."
        case let .nonFiniteTarget(row):
            return "The target of row \(row) is NaN or infinite; models need finite targets."
        case let .featureCountMismatch(trained, given):
            return "The model was trained on \(trained) features but was asked to predict from \(given)."
        case let .nonFinitePrediction(row):
            return "The model predicted NaN or infinity for row \(row)."
        case let .library(message), let .command(message):
            return message
        }
    }
}
