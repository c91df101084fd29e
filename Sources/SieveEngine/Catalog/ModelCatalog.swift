import SieveCore
import SieveModels
import SieveSpec

/// The model kinds a spec can name, and how their parameters are read.
public enum ModelCatalog {
    static let kinds: [ModelKind] = [randomForest, xgboost, gradientBoosting, ridge, command, mean]

    /// Every kind's name, for help texts and "did you mean".
    public static var kindNames: [String] { kinds.map(\.name) }

    /// The model a spec entry describes, or nil with every problem logged at its place.
    public static func build(_ spec: ModelSpec, log: SpecLog) -> (any Regressor)? {
        guard let kind = kinds.first(where: { $0.name == spec.kind.value }) else {
            log.error(spec.kind.location, "Unknown model kind '\(spec.kind.value)'"
                      + (EditDistance.suggestion(for: spec.kind.value, among: kindNames).map { "; did you mean '\($0)'?" }
                         ?? ". The kinds are: \(kindNames.joined(separator: ", ")).").replacingFirstSemicolon)
            return nil
        }
        return kind.build(spec, log)
    }

    static let randomForest = ModelKind.make(
        "random_forest", "Random forest with histogram splits (scikit-learn RandomForestRegressor semantics).",
        prototype: RandomForest(),
        parameters: [
            .int("trees", \.trees),
            ParameterReader(name: "max_features") { node, log, model in
                switch node.value {
                case let .double(f): model.maxFeatures = f == 1 ? .all : .fraction(f)
                case let .int(c): model.maxFeatures = .count(c)
                case let .string(s) where s == "sqrt": model.maxFeatures = .sqrt
                case let .string(s) where s == "log2": model.maxFeatures = .log2
                case let .string(s) where s == "all": model.maxFeatures = .all
                default:
                    log.error(node, "max_features must be a fraction of the features (0 < f ≤ 1), a count, "
                              + "'sqrt', 'log2' or 'all', not '\(node)'.")
                }
            },
            .int("min_samples_leaf", \.minSamplesLeaf),
            .int("min_samples_split", \.minSamplesSplit),
            .optionalInt("max_depth", \.maxDepth),
            .bool("bootstrap", \.bootstrap),
        ])

    static let xgboost = ModelKind.make(
        "xgboost", "Gradient-boosted trees through libxgboost's C API (Python XGBRegressor defaults).",
        prototype: XGBoostRegressor(),
        parameters: [
            .int("rounds", \.rounds),
            .number("learning_rate", \.learningRate),
            .int("max_depth", \.maxDepth),
            .number("min_child_weight", \.minChildWeight),
            .number("subsample", \.subsample),
            .number("colsample_bytree", \.colsampleByTree),
            .number("colsample_bylevel", \.colsampleByLevel),
            .number("colsample_bynode", \.colsampleByNode),
            .number("lambda", \.lambda),
            .number("alpha", \.alpha),
            .number("gamma", \.gamma),
            .choice("tree_method", \.treeMethod),
            .int("num_parallel_tree", \.parallelTrees),
            .int("max_bin", \.maxBin),
            .number("base_score", \.baseScore),
            ParameterReader(name: "early_stopping") { node, log, model in
                guard let map = log.mapping(node, "early_stopping", keys: ["validation_fraction", "rounds"]) else { return }
                let fraction = map.required("validation_fraction", "the fraction of training rows held out to watch.")
                    .flatMap { log.number($0, "early_stopping.validation_fraction") }
                let patience = map.required("rounds", "how many rounds without improvement end training.")
                    .flatMap { log.int($0, "early_stopping.rounds") }
                if let fraction, let patience {
                    model.earlyStopping = .init(validationFraction: fraction, patience: patience)
                }
            },
        ])

    static let gradientBoosting = ModelKind.make(
        "gradient_boosting", "Native gradient-boosted trees with XGBoost's definitions and parameters, on the shared bins.",
        prototype: GradientBoostingRegressor(),
        parameters: [
            .int("rounds", \.rounds),
            .number("learning_rate", \.learningRate),
            .int("max_depth", \.maxDepth),
            .number("min_child_weight", \.minChildWeight),
            .number("subsample", \.subsample),
            .number("colsample_bytree", \.colsampleByTree),
            .number("colsample_bylevel", \.colsampleByLevel),
            .number("colsample_bynode", \.colsampleByNode),
            .number("lambda", \.lambda),
            .number("alpha", \.alpha),
            .number("gamma", \.gamma),
            .int("num_parallel_tree", \.parallelTrees),
            .int("max_bin", \.maxBin),
            .number("base_score", \.baseScore),
            ParameterReader(name: "early_stopping") { node, log, model in
                guard let map = log.mapping(node, "early_stopping", keys: ["validation_fraction", "rounds"]) else { return }
                let fraction = map.required("validation_fraction", "the fraction of training rows held out to watch.")
                    .flatMap { log.number($0, "early_stopping.validation_fraction") }
                let patience = map.required("rounds", "how many rounds without improvement end training.")
                    .flatMap { log.int($0, "early_stopping.rounds") }
                if let fraction, let patience {
                    model.earlyStopping = .init(validationFraction: fraction, patience: patience)
                }
            },
        ])

    static let ridge = ModelKind.make(
        "ridge", "Ridge regression on standardised features, closed form (alpha chosen by cross-validation over a list).",
        prototype: RidgeRegression(),
        parameters: [
            ParameterReader(name: "alpha") { node, log, model in
                let values = log.list(node).map { log.number($0, "alpha") }
                if values.allSatisfy({ $0 != nil }), !values.isEmpty { model.alphas = values.map { $0! } }
            },
            .int("folds", \.folds),
        ])

    static let command = ModelKind.make(
        "command", "Any external program: Sieve writes train/test CSVs, runs it, and reads its predictions.",
        prototype: CommandModel(),
        parameters: [
            ParameterReader(name: "command") { node, log, model in
                if let words = log.strings(node, "command") { model.command = words }
            },
            .number("timeout", \.timeout),
            .choice("input", \.input),
            ParameterReader(name: "environment") { node, log, model in
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
            },
        ],
        configure: { model, spec in
            // Relative paths in the command resolve against the spec's folder.
            model.workingDirectory = PathText.directory(of: spec.location.path)
        })

    static let mean = ModelKind.make(
        "mean", "The training mean for every row: the baseline every model must beat.",
        prototype: MeanRegressor(), parameters: [])
}
