import SieveCore
import SieveData
import SieveSpec

/// Cross-validation folds replacing the random ID holdout.
public struct ResolvedCrossValidation: Sendable {
    public let rule: FoldRule
    public let location: SourceLocation
}

enum CrossValidationResolver {
    /// The fold rule of `splits.cv`, with the checks that need the rest of the spec: a group to
    /// hold out, real element symbols, no campaign.
    static func resolve(_ spec: ExperimentSpec, campaigns: Int, log: SpecLog) -> ResolvedCrossValidation? {
        guard let cv = spec.splits.crossValidation else { return nil }
        let rule: FoldRule
        switch cv.form {
        case let .random(folds, seed): rule = .random(folds: folds, seed: UInt32(seed))
        case .matbench: rule = .matbench
        case let .group(folds, seed):
            if spec.dataset.group == nil {
                log.error(cv.location, "splits.cv holds out whole groups (`by: group`), but the dataset names no `group` "
                          + "(a column, or crystal_system).")
            }
            rule = .grouped(.datasetGroup, folds: folds, seed: seed)
        case let .chemicalSystem(folds, seed): rule = .grouped(.chemicalSystem, folds: folds, seed: seed)
        case let .cluster(clusters, seed): rule = .grouped(.clusters(count: clusters, seed: seed), folds: nil, seed: seed)
        case let .element(elements, minCompounds):
            for element in elements where !PeriodicTable.symbols.contains(element.value) {
                log.error(element.location, "splits.cv.elements lists '\(element.value)', which is not an element symbol"
                          + (EditDistance.suggestion(for: element.value, among: PeriodicTable.orderedSymbols).map { "; did you mean '\($0)'?" }
                             ?? ".").replacingFirstSemicolon)
            }
            var seen = Set<String>()
            for element in elements where !seen.insert(element.value).inserted {
                log.error(element.location, "splits.cv.elements lists '\(element.value)' twice.")
            }
            rule = .elements(elements.map(\.value), minCompounds: minCompounds ?? 1)
        }
        if campaigns > 0 {
            log.error(cv.location, "Campaigns (pruning, active learning, ET-AL, causal) do not run under cross-validation yet: "
                      + "each would run once per fold and their reports do not combine folds. Use `id_test` for campaigns, "
                      + "or run the random-subset grid under `cv`.")
        }
        return ResolvedCrossValidation(rule: rule, location: cv.location)
    }

    /// The number of folds when the spec alone fixes it (random and Matbench folds, listed elements).
    static func knownFolds(_ rule: FoldRule) -> Int? {
        switch rule {
        case let .random(folds, _): return folds
        case let .grouped(.clusters(count, _), nil, _): return count
        case let .grouped(_, folds, _): return folds
        case let .elements(list, _): return list.isEmpty ? nil : list.count
        }
    }
}
