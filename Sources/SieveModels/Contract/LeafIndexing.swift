import SieveCore

/// A fitted tree ensemble that tells which leaf each row reaches in each tree.
///
/// What instance-based uncertainty for boosted trees needs (IBUG; Brophy & Lowd, NeurIPS 2022): two
/// rows are alike in a tree when they share its leaf. Both boosted models conform, libxgboost's
/// (``FittedXGBoost``) and the native one (``FittedGradientBoosting``), with the same numbering:
/// XGBoost's `pred_leaf` output, where a leaf is named by its node id in its tree (the root is 0,
/// and the two children of a split get the next two free ids, level by level), and trees are in
/// boosting order, round after round, the parallel trees of a round side by side. Ids are not
/// contiguous (split nodes have ids too): a consumer that indexes by leaf should size its table
/// by the largest id plus one.
public protocol LeafIndexing: FittedModel {
    /// `rows × trees`: entry `(k, t)` is the node id of the leaf that row `rows[k]` reaches in tree
    /// `t`, as a `Float` (exact for ids below 2²⁴), as XGBoost returns it.
    func leafIndices(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Float>
}
