/// What can go wrong in causal discovery and its uses; each case reads as a sentence that says where.
public enum CausalDiscoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFinite(row: Int, column: Int, value: Double)
    case tooFewRows(rows: Int, needed: Int, context: String)
    case tooFewRowsForLasso(rows: Int, predictors: Int, target: Int)
    case priorKnowledgeShape(variables: Int, got: Int)
    case inconsistentPriorKnowledge(pairs: [[Int]])
    case cyclicPriorKnowledge(remaining: [Int])
    case variableOutOfRange(index: Int, variables: Int, role: String)
    case emptySubset(index: Int)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .notFinite(row, column, value):
            return "The data hold \(value) at row \(row + 1), column \(column + 1); causal discovery needs finite numbers."
        case let .tooFewRows(rows, needed, context):
            return "\(context) needs at least \(needed) rows, got \(rows)."
        case let .tooFewRowsForLasso(rows, predictors, target):
            return "The adaptive lasso for variable \(target) has \(predictors) candidate parents but only \(rows) rows; "
                + "the BIC's noise estimate needs more rows than parents + 1."
        case let .priorKnowledgeShape(variables, got):
            return "The prior knowledge is for \(got) variables, but the data have \(variables)."
        case let .inconsistentPriorKnowledge(pairs):
            return "The prior knowledge asks for directed paths both ways between variables \(pairs.map { "\($0[0])–\($0[1])" }.joined(separator: ", "))."
        case let .cyclicPriorKnowledge(remaining):
            return "The prior knowledge orders variables \(remaining) in a cycle, so no causal order satisfies it."
        case let .variableOutOfRange(index, variables, role):
            return "The \(role) is variable \(index), but there are only \(variables) variables (0–\(variables - 1))."
        case let .emptySubset(index):
            return "Subset \(index) has no rows left to draw from."
        case let .invalidArgument(text):
            return text
        }
    }
}
