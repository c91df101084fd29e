import SieveCore

/// Early stopping on a held-out part of the training rows, for boosted models: training ends
/// after `patience` rounds without a lower validation RMSE, and the best round is kept.
public struct EarlyStopping: Sendable, Equatable {
    /// Fraction of the training rows held out to watch the validation RMSE.
    public var validationFraction: Double
    /// Stop after this many rounds without improvement.
    public var patience: Int

    public init(validationFraction: Double, patience: Int) {
        self.validationFraction = validationFraction; self.patience = patience
    }
}

extension ModelParameter {
    /// `early_stopping: {validation_fraction: f, rounds: n}`; off when absent.
    public static func earlyStopping(_ path: WritableKeyPath<Model, EarlyStopping?> & Sendable) -> Self {
        Self("early_stopping", summary: "hold out validation_fraction of the training rows; stop after rounds without a lower RMSE",
             allowed: "{validation_fraction: (0, 1), rounds: 1–100,000}, or absent (off)", read: { node, log, model in
            guard let map = log.mapping(node, "early_stopping", keys: ["validation_fraction", "rounds"]) else { return }
            let fraction = map.required("validation_fraction", "the fraction of training rows held out to watch.")
                .flatMap { log.number($0, "early_stopping.validation_fraction") }
            let patience = map.required("rounds", "how many rounds without improvement end training.")
                .flatMap { log.int($0, "early_stopping.rounds") }
            if let fraction, let patience {
                model[keyPath: path] = EarlyStopping(validationFraction: fraction, patience: patience)
            }
        }, text: { m in
            m[keyPath: path].map { "{validation_fraction: \($0.validationFraction), rounds: \($0.patience)}" }
        }, check: { m in
            guard let stop = m[keyPath: path] else { return nil }
            if !(stop.validationFraction > 0 && stop.validationFraction < 1) {
                return "early_stopping.validation_fraction must be in (0, 1), got \(stop.validationFraction)."
            }
            return (1...100_000).contains(stop.patience) ? nil
                : SpecLog.outOfRange("early_stopping.rounds", stop.patience, 1...100_000, "(rounds without improvement)")
        }, vary: { m in
            m[keyPath: path] = m[keyPath: path] == nil ? EarlyStopping(validationFraction: 0.1, patience: 20) : nil
        })
    }
}
