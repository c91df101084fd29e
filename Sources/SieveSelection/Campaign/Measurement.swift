import SieveCore
import SieveModels

/// Measures a fitted model on named test sets with one prediction call (shared by the campaigns).
enum Measurement {
    static func metrics(of fitted: any FittedModel, model: String, role: String, data: CampaignData,
                        sets: [NamedRows]) throws -> [ModelSplitMetrics] {
        let allRows = sets.flatMap(\.rows)
        let predictions = try fitted.predict(data.store, rows: allRows)
        var offset = 0
        return sets.map { set in
            let slice = Array(predictions[offset..<offset + set.rows.count])
            offset += set.rows.count
            return ModelSplitMetrics(model: model, role: role, split: set.name,
                                     metrics: RegressionMetrics(predicted: slice, actual: set.rows.map { data.targets[$0] }))
        }
    }
}
