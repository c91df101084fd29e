import SieveCore

/// Reads a spec's YAML into an ``ExperimentSpec``, collecting every problem of shape, type and
/// range with its `file:line:col`. Checks that need the data files (do they exist, do they have
/// the named columns) come later, in the engine's spec checker.
public enum SpecReader {
    static let topLevelKeys = ["name", "description", "dataset", "splits", "models", "train_sizes", "seeds", "output"]

    /// Reads the spec at `path`; throws ``DiagnosticsError`` with every problem found.
    public static func read(path: String) throws -> ExperimentSpec {
        guard let text = FileSystem.readText(path) else {
            throw DiagnosticsError([Diagnostic(at: nil, "The spec file \(path) does not exist or cannot be read.")])
        }
        return try read(text: text, path: path)
    }

    /// Reads spec text; `path` locates it (relative paths inside resolve against its folder).
    public static func read(text: String, path: String) throws -> ExperimentSpec {
        let source = SourceText(path: path, text: text)
        let root: SpecNode
        switch YAMLLoader.load(text, source: source) {
        case let .success(node): root = node
        case let .failure(diagnostic): throw DiagnosticsError([diagnostic])
        }
        let log = SpecLog(source: source)
        let folder = FileSystem.directory(of: path)
        let spec = readRoot(root, log: log, folder: folder, source: source)
        if !log.diagnostics.isEmpty || spec == nil {
            throw DiagnosticsError(log.diagnostics.sorted { ($0.location ?? .init(path: "", line: 0, column: 0)) < ($1.location ?? .init(path: "", line: 0, column: 0)) })
        }
        return spec!
    }

    private static func readRoot(_ root: SpecNode, log: SpecLog, folder: String, source: SourceText) -> ExperimentSpec? {
        guard let top = log.mapping(root, "The spec", keys: topLevelKeys) else { return nil }
        let name = top.required("name", "a short name for the experiment, used for the output folder.")
            .flatMap { log.string($0, "name") }
        if let name, let node = top["name"], name.contains("/") {
            log.error(node, "name '\(name)' must not contain '/'; it names a folder.")
        }
        let description = top["description"].flatMap { log.string($0, "description") }
        let dataset = top.required("dataset", "the CSV file to learn from (path, target, features).")
            .flatMap { readDataset($0, "dataset", log: log, folder: folder) }
        let splits = readSplits(top["splits"], at: root.location, log: log, folder: folder)
        let models = top.required("models", "at least one named model, e.g. `rf: {kind: random_forest}`.")
            .flatMap { readModels($0, log: log) }
        let sizes = readTrainSizes(top["train_sizes"], log: log)
        let seeds = readSeeds(top["seeds"], log: log)
        let output: Located<String>
        if let node = top["output"], let text = log.string(node, "output") {
            output = Located(FileSystem.resolve(text, against: folder), at: node.location)
        } else {
            output = Located("results/\(name ?? "experiment")", at: root.location)
        }
        guard let name, let dataset, let splits, let models, let sizes, let seeds else { return nil }
        return ExperimentSpec(name: name, specPath: source.path, source: source, description: description,
                              dataset: dataset, splits: splits, models: models, trainSizes: sizes, seeds: seeds,
                              output: output, root: root)
    }

    // MARK: Grid

    static func readTrainSizes(_ node: SpecNode?, log: SpecLog) -> [Located<TrainSize>]? {
        guard let node else { return [Located(.fraction(1.0), at: SourceLocation(path: log.source.path, line: 1, column: 1))] }
        guard let items = node.list, !items.isEmpty else {
            log.error(node, "train_sizes must be a non-empty list of fractions of the pool (0 < f ≤ 1) or row counts.")
            return nil
        }
        var sizes: [Located<TrainSize>] = []
        var ok = true
        for item in items {
            switch item.value {
            case let .double(f):
                if f > 0 && f <= 1 { sizes.append(Located(.fraction(f), at: item.location)) } else {
                    log.error(item, "The training fraction \(f) is outside (0, 1]; write a fraction of the pool, or an integer row count.")
                    ok = false
                }
            case let .int(c):
                if c >= 2 { sizes.append(Located(.count(c), at: item.location)) } else {
                    log.error(item, "The training size \(c) is too small: a count needs at least 2 rows (write 1.0 for the whole pool).")
                    ok = false
                }
            default:
                log.error(item, "Each training size must be a fraction (0 < f ≤ 1) or a row count, not \(item.kindDescription).")
                ok = false
            }
        }
        var seen: [TrainSize: SourceLocation] = [:]
        for size in sizes {
            if let first = seen[size.value] {
                log.error(size.location, "The training size \(size.value) is listed twice (first at line \(first.line)).")
                ok = false
            }
            seen[size.value] = size.location
        }
        return ok ? sizes : nil
    }

    static func readSeeds(_ node: SpecNode?, log: SpecLog) -> [Int]? {
        guard let node else { return [0] }
        if let count = node.int {
            guard count >= 1 else { log.error(node, "seeds must be at least 1, got \(count)."); return nil }
            return Array(0..<count)
        }
        guard let items = node.list, !items.isEmpty else {
            log.error(node, "seeds must be a count (e.g. 5, meaning seeds 0–4) or a non-empty list of integers.")
            return nil
        }
        var seeds: [Int] = []
        for item in items {
            guard let seed = log.int(item, "Each seed") else { continue }
            if seeds.contains(seed) { log.error(item, "The seed \(seed) is listed twice.") }
            seeds.append(seed)
        }
        return seeds.count == items.count ? seeds : nil
    }

    // MARK: Models

    static func readModels(_ node: SpecNode, log: SpecLog) -> [ModelSpec]? {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            log.error(node, "models must map names to model definitions, e.g. `rf: {kind: random_forest, trees: 100}`.")
            return nil
        }
        var models: [ModelSpec] = []
        var seen: [String: SourceLocation] = [:]
        var ok = true
        for (keyNode, value) in pairs {
            guard let name = log.string(keyNode, "A model name") else { ok = false; continue }
            if let first = seen[name] {
                log.error(keyNode, "The model name '\(name)' is used twice (first at line \(first.line)).")
                ok = false
                continue
            }
            seen[name] = keyNode.location
            if !Self.isSimpleName(name) {
                log.error(keyNode, "The model name '\(name)' may use only letters, digits, '-', '_' and '.'; it appears in file names.")
                ok = false
            }
            guard let entries = value.mapping else {
                log.error(value, "The model '\(name)' must be a mapping with a `kind`, not \(value.kindDescription).")
                ok = false
                continue
            }
            var kind: Located<String>?
            var parameters: [(key: Located<String>, value: SpecNode)] = []
            var seenKeys: Set<String> = []
            for (key, parameter) in entries {
                guard let keyText = log.string(key, "A parameter name") else { ok = false; continue }
                if !seenKeys.insert(keyText).inserted {
                    log.error(key, "'\(keyText)' appears twice in the model '\(name)'.")
                    ok = false
                    continue
                }
                if keyText == "kind" {
                    if let k = log.string(parameter, "kind") { kind = Located(k, at: parameter.location) } else { ok = false }
                } else {
                    parameters.append((Located(keyText, at: key.location), parameter))
                }
            }
            guard let kind else {
                if ok { log.error(value, "The model '\(name)' needs a `kind`, such as random_forest or xgboost.") }
                ok = false
                continue
            }
            models.append(ModelSpec(name: Located(name, at: keyNode.location), kind: kind, parameters: parameters,
                                    location: keyNode.location))
        }
        return ok ? models : nil
    }

    /// Letters, digits, '-', '_' and '.', starting with a letter or digit.
    static func isSimpleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }
}
