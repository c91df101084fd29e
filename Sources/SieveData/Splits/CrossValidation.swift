import SieveCore

/// One fold of a cross-validation: the rows it tests on and the rows its training sets are drawn from.
public struct Fold: Sendable, Equatable {
    /// "1" … "k" for k-fold; the held-out group, element or cluster otherwise.
    public let name: String
    /// Ascending.
    public let test: [Int]
    /// Ascending.
    public let train: [Int]

    public init(name: String, test: [Int], train: [Int]) {
        self.name = name; self.test = test; self.train = train
    }
}

/// What a grouped cross-validation holds out together.
public enum FoldGroups: Sendable, Equatable {
    /// The dataset's `group` (a column's values, or crystal systems).
    case datasetGroup
    /// The set of elements of each composition ("Fe-O"), as MatFold's chemical-system split.
    case chemicalSystem
    /// k-means clusters of the standardised features (Meredig et al.'s leave-one-cluster-out).
    case clusters(count: Int, seed: Int)

    /// Stable text, part of a fold rule's ``FoldRule/canonical``.
    var canonical: String {
        switch self {
        case .datasetGroup: return "group"
        case .chemicalSystem: return "chemical_system"
        case let .clusters(count, seed): return "cluster(k=\(count),seed=\(seed))"
        }
    }

    /// What one group is, in a word or two.
    var words: String {
        switch self {
        case .datasetGroup: return "group"
        case .chemicalSystem: return "chemical-system"
        case .clusters: return "cluster"
        }
    }

    /// How the groups are made, when it needs saying.
    var detail: String {
        if case let .clusters(count, seed) = self { return " (\(count) k-means clusters of the standardised features, seed \(seed))" }
        return ""
    }
}

/// How a cross-validation divides rows into folds.
public enum FoldRule: Sendable, Equatable {
    /// scikit-learn's `KFold(n_splits: folds, shuffle: True, random_state: seed)`, bit for bit:
    /// numpy's MT19937 shuffle of the rows in dataset order, then consecutive folds, the first
    /// `count % folds` one row larger.
    case random(folds: Int, seed: UInt32)
    /// Whole groups held out: each group its own fold (leave-one-group-out) when `folds` is nil,
    /// else groups dealt into `folds` folds of near-equal size.
    case grouped(FoldGroups, folds: Int?, seed: Int)
    /// Leave-one-element-out: every compound containing the element is tested, every other
    /// compound trains. The listed elements, or every element in at least `minCompounds` rows.
    case elements([String], minCompounds: Int)

    /// Matbench v0.1's folds: `KFold(5, shuffle=True, random_state=18012019)` on the dataset in
    /// Matbench's order.
    public static let matbench = FoldRule.random(folds: 5, seed: 18_012_019)

    /// The test set of each fold is in-distribution for random folds, held out otherwise.
    public var testSetName: String {
        if case .random = self { return "id" }
        return "held_out"
    }

    /// The rule as stable text, part of the identity of every run it cuts.
    public var canonical: String {
        switch self {
        case let .random(folds, seed): return "kfold(folds=\(folds),seed=\(seed))"
        case let .grouped(groups, folds, seed):
            return "grouped(\(groups.canonical),folds=\(folds.map(String.init) ?? "each"),seed=\(seed))"
        case let .elements(list, minCompounds):
            return "elements(\(list.joined(separator: ",")),min=\(minCompounds))"
        }
    }

    /// The rule in words, for the plan and the manifest.
    public var summary: String {
        switch self {
        case let .random(folds, seed):
            return self == .matbench ? "Matbench v0.1 folds (5-fold, seed 18012019)" : "random \(folds)-fold, seed \(seed)"
        case let .grouped(groups, folds, seed):
            return folds.map { "\($0) folds of whole \(groups.words)s\(groups.detail), seed \(seed)" }
                ?? "leave-one-\(groups.words)-out\(groups.detail)"
        case let .elements(list, minCompounds):
            return list.isEmpty ? "leave-one-element-out, every element in at least \(minCompounds) rows"
                : "leave-one-element-out: \(list.joined(separator: ", "))"
        }
    }
}

/// A problem with the folds of a dataset, as a sentence.
public struct FoldProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// Cuts a dataset's rows into folds by a ``FoldRule``.
public struct CrossValidation: Sendable {
    public let rule: FoldRule

    public init(_ rule: FoldRule) { self.rule = rule }

    /// The folds over `rows` (ascending) of `dataset`. Throws when the rule cannot be applied
    /// (no groups, no compositions), a fold would test nothing, or would leave fewer than
    /// `minimumTrainRows` to train on.
    public func folds(of rows: [Int], in dataset: Dataset, minimumTrainRows: Int = 4) throws -> [Fold] {
        let folds: [Fold]
        switch rule {
        case let .random(count, seed):
            folds = Self.kFold(rows, folds: count, seed: seed)
        case let .grouped(kind, count, seed):
            let labels = try groupLabels(kind, of: rows, in: dataset)
            folds = Self.grouped(rows, labels: labels, folds: count, seed: seed)
        case let .elements(list, minCompounds):
            folds = try Self.elementFolds(rows, in: dataset, elements: list, minCompounds: minCompounds)
        }
        for fold in folds {
            if fold.test.isEmpty {
                throw FoldProblem(description: "The fold '\(fold.name)' (\(rule.summary)) has no rows to test on.")
            }
            if fold.train.count < minimumTrainRows {
                throw FoldProblem(description: "The fold '\(fold.name)' (\(rule.summary)) leaves \(fold.train.count) rows to "
                                  + "train on; a fold needs at least \(minimumTrainRows).")
            }
        }
        return folds
    }

    /// scikit-learn's shuffled KFold over `rows` in their given order.
    public static func kFold(_ rows: [Int], folds: Int, seed: UInt32) -> [Fold] {
        var order = Array(rows.indices)
        var rng = MersenneTwister(seed: seed)
        rng.shuffle(&order)
        var result: [Fold] = []
        var start = 0
        for k in 0..<folds {
            let size = rows.count / folds + (k < rows.count % folds ? 1 : 0)
            let test = Set(order[start..<start + size])
            start += size
            result.append(Fold(name: "\(k + 1)", test: rows.indices.filter { test.contains($0) }.map { rows[$0] },
                               train: rows.indices.filter { !test.contains($0) }.map { rows[$0] }))
        }
        return result
    }

    /// Folds that never split a group: one per group (in label order) when `folds` is nil; else the
    /// groups, shuffled by `seed` and then taken largest first, each dealt to the fold with the
    /// fewest rows so far.
    public static func grouped(_ rows: [Int], labels: [String], folds: Int?, seed: Int) -> [Fold] {
        var members: [String: [Int]] = [:]
        for (row, label) in zip(rows, labels) { members[label, default: []].append(row) }
        func fold(_ name: String, _ test: Set<Int>) -> Fold {
            Fold(name: name, test: rows.filter { test.contains($0) }, train: rows.filter { !test.contains($0) })
        }
        guard let folds else {
            return members.keys.sorted().map { fold($0, Set(members[$0]!)) }
        }
        var names = members.keys.sorted()
        var rng = Xoshiro256(seed: StableSeed.of("cv-groups|seed=\(seed)"))
        rng.shuffle(&names)
        let bySize = names.enumerated().sorted {
            (members[$0.element]!.count, -$0.offset) > (members[$1.element]!.count, -$1.offset)
        }.map(\.element)
        var dealt = [Set<Int>](repeating: [], count: folds)
        for name in bySize {
            let smallest = dealt.indices.min { (dealt[$0].count, $0) < (dealt[$1].count, $1) }!
            dealt[smallest].formUnion(members[name]!)
        }
        return dealt.enumerated().map { fold("\($0.offset + 1)", $0.element) }
    }

    static func elementFolds(_ rows: [Int], in dataset: Dataset, elements: [String], minCompounds: Int) throws -> [Fold] {
        guard let compositions = dataset.compositions else {
            throw FoldProblem(description: "Leave-one-element-out folds need each row's formula; the dataset has no formula column.")
        }
        var counts: [String: Int] = [:]
        for row in rows { for element in compositions[row].elements { counts[element, default: 0] += 1 } }
        let chosen = elements.isEmpty ? counts.filter { $0.value >= minCompounds }.keys.sorted() : elements
        guard !chosen.isEmpty else {
            throw FoldProblem(description: "No element is in at least \(minCompounds) rows, so leave-one-element-out has no fold.")
        }
        return chosen.map { element in
            Fold(name: element, test: rows.filter { compositions[$0].contains(element) },
                 train: rows.filter { !compositions[$0].contains(element) })
        }
    }

    func groupLabels(_ kind: FoldGroups, of rows: [Int], in dataset: Dataset) throws -> [String] {
        switch kind {
        case .datasetGroup:
            guard let groups = dataset.groups else {
                throw FoldProblem(description: "Folds by group need the dataset's `group` (a column or crystal_system).")
            }
            return rows.map { groups[$0] }
        case .chemicalSystem:
            guard let compositions = dataset.compositions else {
                throw FoldProblem(description: "Folds by chemical system need each row's formula; the dataset has no formula column.")
            }
            return rows.map { compositions[$0].elements.sorted().joined(separator: "-") }
        case let .clusters(count, seed):
            guard count >= 2, count <= rows.count else {
                throw FoldProblem(description: "Leave-one-cluster-out asks for \(count) clusters of \(rows.count) rows.")
            }
            let labels = Self.clusterLabels(rows, features: dataset.features, clusters: count, seed: seed)
            return labels.map { "cluster \($0 + 1)" }
        }
    }

    /// k-means labels of `rows` on features standardised to mean 0 and variance 1 over those rows
    /// (a constant column, and a missing value, at 0). Labels are renumbered by their first row, so they do not
    /// depend on the order k-means found the centres in.
    static func clusterLabels(_ rows: [Int], features: Matrix<Float>, clusters: Int, seed: Int) -> [Int] {
        let d = features.columns, n = rows.count
        var x = [Double](repeating: 0, count: n * d)
        for c in 0..<d {
            var mean = 0.0, present = 0
            for (i, row) in rows.enumerated() {
                x[i * d + c] = Double(features[row, c])
                if x[i * d + c].isFinite { mean += x[i * d + c]; present += 1 }
            }
            mean /= Double(Swift.max(present, 1))
            var variance = 0.0
            for i in 0..<n where x[i * d + c].isFinite { variance += (x[i * d + c] - mean) * (x[i * d + c] - mean) }
            let scale = variance > 0 ? 1 / (variance / Double(present)).squareRoot() : 0
            // A missing value sits at the column's mean.
            for i in 0..<n { x[i * d + c] = x[i * d + c].isFinite ? (x[i * d + c] - mean) * scale : 0 }
        }
        var rng = Xoshiro256(seed: StableSeed.of("cv-clusters|seed=\(seed)"))
        let raw = KMeans(clusters: clusters).labels(x, rows: n, columns: d, rng: &rng)
        var renumbered: [Int: Int] = [:]
        return raw.map { label in
            if let known = renumbered[label] { return known }
            renumbered[label] = renumbered.count
            return renumbered[label]!
        }
    }
}
