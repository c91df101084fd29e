import SieveCore

/// Reads a spec's YAML into an ``ExperimentSpec``, collecting every problem of shape, type and
/// range with its `file:line:col`. Checks that need the data files (do they exist, do they have
/// the named columns) come later, in the engine's spec checker.
public enum SpecReader {
    static let topLevelKeys = SpecSections.top.names

    /// What reading a spec found: the spec when its required parts could be read, the model
    /// entries that were well-formed (checked further by the engine even when other parts are
    /// broken, so all problems surface at once), and every problem.
    public struct Reading: Sendable {
        public var spec: ExperimentSpec?
        public var models: [ModelSpec]
        public var diagnostics: [Diagnostic]
        public var source: SourceText
    }

    /// Reads the spec at `path`; throws ``DiagnosticsError`` with every problem found.
    /// `campaignPaths` are where campaign kinds keep their sections (`["active_learning"]`,
    /// `["selection", "prune"]`): their nodes are kept for the kinds to read.
    public static func read(path: String, campaignPaths: [[String]] = []) throws -> ExperimentSpec {
        let reading = try parse(path: path, campaignPaths: campaignPaths)
        guard reading.diagnostics.isEmpty, let spec = reading.spec else { throw DiagnosticsError(reading.diagnostics) }
        return spec
    }

    /// Reads spec text; throws ``DiagnosticsError`` with every problem found.
    public static func read(text: String, path: String, campaignPaths: [[String]] = []) throws -> ExperimentSpec {
        let reading = parse(text: text, path: path, campaignPaths: campaignPaths)
        guard reading.diagnostics.isEmpty, let spec = reading.spec else { throw DiagnosticsError(reading.diagnostics) }
        return spec
    }

    /// Reads the spec at `path` as far as it can; throws only when the file cannot be read.
    public static func parse(path: String, campaignPaths: [[String]] = []) throws -> Reading {
        switch FileSystem.readText(path) {
        case let .success(text): return parse(text: text, path: path, campaignPaths: campaignPaths)
        case let .failure(problem): throw DiagnosticsError([problem])
        }
    }

    /// Reads spec text as far as it can; `path` locates it (relative paths inside resolve against
    /// its folder).
    public static func parse(text: String, path: String, campaignPaths: [[String]] = []) -> Reading {
        let source = SourceText(path: path, text: text)
        let root: SpecNode
        switch YAMLLoader.load(text, source: source) {
        case let .success(node): root = node
        case let .failure(diagnostic): return Reading(spec: nil, models: [], diagnostics: [diagnostic], source: source)
        }
        let log = SpecLog(source: source)
        let (spec, models) = readRoot(root, log: log, folder: FileSystem.directory(of: path), source: source,
                                      campaignPaths: campaignPaths)
        return Reading(spec: spec, models: models, diagnostics: log.sortedDiagnostics, source: source)
    }

    private static func readRoot(_ root: SpecNode, log: SpecLog, folder: String, source: SourceText,
                                 campaignPaths: [[String]]) -> (ExperimentSpec?, [ModelSpec])
    {
        let topCampaignKeys = campaignPaths.filter { $0.count == 1 }.map { $0[0] }
        let selectionCampaignKeys = campaignPaths.filter { $0.count == 2 && $0[0] == "selection" }.map { $0[1] }
        guard let top = log.mapping(root, "The spec", keys: topLevelKeys + topCampaignKeys) else { return (nil, []) }
        let name = top.required("name", "a short name for the experiment, used for the output folder.")
            .flatMap { log.string($0, "name") }
        if let name, let node = top["name"], !isSimpleName(name) {
            log.error(node, "name '\(name)' names the output folder, so it may use only letters, digits, '-', '_' and '.', "
                      + "starting with a letter or digit (not '.' or '..').")
        }
        let description = top["description"].flatMap { log.string($0, "description") }
        let dataset = top.required("dataset", "the CSV file to learn from (path, target, features).")
            .flatMap { readDataset($0, "dataset", log: log, folder: folder) }
        let splits = readSplits(top["splits"], at: root.location, log: log, folder: folder)
        let models = top.required("models", "at least one named model, e.g. `rf: {kind: random_forest}`.")
            .map { readModels($0, log: log) } ?? []
        let sizes = readTrainSizes(top["train_sizes"], log: log)
        let seeds = readSeeds(top["seeds"], log: log)
        let (selection, selectionCampaigns) = top["selection"].map { readSelection($0, campaignKeys: selectionCampaignKeys, log: log) }
            ?? (SelectionSpec(), [])
        let campaigns = selectionCampaigns + topCampaignKeys.compactMap { key in top[key].map { CampaignSection(path: [key], node: $0) } }
        let evaluateUnused = top["evaluate_unused"].flatMap { log.bool($0, "evaluate_unused") } ?? false
        var tolerance = 0.1
        if let node = top["redundancy"], let map = log.mapping(node, "redundancy", keys: ["tolerance"]),
           let t = map["tolerance"], let value = log.number(t, "redundancy.tolerance") {
            if value > 0 && value < 1 { tolerance = value } else {
                log.error(t, "redundancy.tolerance is a fraction of the full-pool RMSE in (0, 1), got \(value).")
            }
        }
        let explain = top["explain"].flatMap { readExplain($0, log: log) }
        let metric = top["metric"].flatMap { log.choice($0, "metric", among: ["rmse", "mae"]) } ?? "rmse"
        var maxRuns = Located(ExperimentSpec.defaultMaxRuns, at: root.location)
        if let node = top["max_runs"], let value = log.int(node, "max_runs", in: 1...100_000_000, "(runs in the grid)") {
            maxRuns = Located(value, at: node.location)
        }
        let output: Located<String>
        if let node = top["output"], let text = log.string(node, "output") {
            output = Located(FileSystem.resolve(text, against: folder), at: node.location)
        } else {
            output = Located("results/\(name ?? "experiment")", at: root.location)
        }
        guard let dataset else { return (nil, models) }
        let spec = ExperimentSpec(name: name ?? "experiment", specPath: source.path, source: source, description: description,
                                  dataset: dataset, splits: splits, models: models, trainSizes: sizes, seeds: seeds,
                                  selection: selection, evaluateUnused: evaluateUnused, explain: explain,
                                  campaigns: campaigns,
                                  redundancyTolerance: tolerance, metric: metric, maxRuns: maxRuns,
                                  output: output, root: root)
        return (spec, models)
    }

    // MARK: Grid

    /// The most rows any count in a spec may name (training sizes, samples, campaign sizes): far
    /// more than any dataset Sieve reads, and small enough that no buffer sized from it is absurd.
    static let maximumRows = 100_000_000

    static func readTrainSizes(_ node: SpecNode?, log: SpecLog) -> [Located<TrainSize>] {
        guard let node else { return [Located(.fraction(1.0), at: SourceLocation(path: log.source.path, line: 1, column: 1))] }
        guard let items = node.list, !items.isEmpty else {
            log.error(node, "train_sizes must be a non-empty list of fractions of the pool (0 < f ≤ 1) or row counts.")
            return []
        }
        var sizes: [Located<TrainSize>] = []
        for item in items {
            switch item.value {
            case let .double(f):
                if f > 0 && f <= 1 { sizes.append(Located(.fraction(f), at: item.location)) } else {
                    log.error(item, "The training fraction \(f) is outside (0, 1]; write a fraction of the pool, or an integer row count.")
                }
            case let .int(c):
                if c > maximumRows {
                    log.error(item, "The training size \(c) is too large: a count is at most \(SpecLog.grouped(maximumRows)) rows "
                              + "(write 1.0 for the whole pool).")
                } else if c >= 2 { sizes.append(Located(.count(c), at: item.location)) } else {
                    log.error(item, "The training size \(c) is too small: a count needs at least 2 rows (write 1.0 for the whole pool).")
                }
            default:
                log.error(item, "Each training size must be a fraction (0 < f ≤ 1) or a row count, not \(item.kindDescription).")
            }
        }
        var seen: [TrainSize: SourceLocation] = [:]
        var unique: [Located<TrainSize>] = []
        for size in sizes {
            if let first = seen[size.value] {
                log.error(size.location, "The training size \(size.value) is listed twice (first at line \(first.line)).")
                continue
            }
            seen[size.value] = size.location
            unique.append(size)
        }
        return unique
    }

    static func readSeeds(_ node: SpecNode?, log: SpecLog) -> [Int] {
        node.map { SeedList.read($0, log: log) } ?? [0]
    }

    // MARK: Models

    static func readModels(_ node: SpecNode, log: SpecLog) -> [ModelSpec] {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            log.error(node, "models must map names to model definitions, e.g. `rf: {kind: random_forest, trees: 100}`.")
            return []
        }
        var models: [ModelSpec] = []
        var seen: [String: SourceLocation] = [:]
        for (keyNode, value) in pairs {
            guard let name = log.string(keyNode, "A model name") else { continue }
            if let first = seen[name] {
                log.error(keyNode, "The model name '\(name)' is used twice (first at line \(first.line)).")
                continue
            }
            seen[name] = keyNode.location
            if !Self.isSimpleName(name) {
                log.error(keyNode, "The model name '\(name)' may use only letters, digits, '-', '_' and '.'; it appears in file names.")
            }
            guard let entries = value.mapping else {
                log.error(value, "The model '\(name)' must be a mapping with a `kind`, not \(value.kindDescription).")
                continue
            }
            var kind: Located<String>?
            var kindWritten = false
            var parameters: [(key: Located<String>, value: SpecNode)] = []
            var seenKeys: Set<String> = []
            for (key, parameter) in entries {
                guard let keyText = log.string(key, "A parameter name") else { continue }
                if !seenKeys.insert(keyText).inserted {
                    log.error(key, "'\(keyText)' appears twice in the model '\(name)'.")
                    continue
                }
                if keyText == "kind" {
                    kindWritten = true
                    if let k = log.string(parameter, "kind") { kind = Located(k, at: parameter.location) }
                } else {
                    parameters.append((Located(keyText, at: key.location), parameter))
                }
            }
            guard let kind else {
                if !kindWritten { log.error(value, "The model '\(name)' needs a `kind`, such as random_forest or xgboost.") }
                continue
            }
            models.append(ModelSpec(name: Located(name, at: keyNode.location), kind: kind, parameters: parameters,
                                    location: keyNode.location))
        }
        return models
    }

    /// Letters, digits, '-', '_' and '.', starting with a letter or digit.
    static func isSimpleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }
}
