/// The spec's own blocks, in the order a spec is usually written. Models, campaign kinds and
/// acquisition strategies declare their keys in their own tables (``ModelParameter``,
/// `CampaignSetting`), which `sieve describe` prints beside these.
public enum SpecSections {
    public static let top = SpecSection("(top level)", "the experiment", [
        SpecKey("name", "letters, digits, - _ .", default: "required", "names the experiment and its output folder"),
        SpecKey("description", "text", default: "none", "shown in the report"),
        SpecKey("dataset", "a block", default: "required", "the data: file, target, features and row rules"),
        SpecKey("splits", "a block", default: "required", "the ID test set or cross-validation folds, and the OOD test sets"),
        SpecKey("models", "a mapping of names to models", default: "required", "each `{kind: …, <parameters>}`"),
        SpecKey("train_sizes", "a list of fractions or row counts", default: "required",
                "training-set sizes, as fractions of the pool (or each fold's training part) or counts"),
        SpecKey("seeds", "a count or a list of integers", default: "required", "`5` means seeds 0–4"),
        SpecKey("selection", "a block", default: "random subsets", "how training data is chosen: `random`, and `prune`"),
        SpecKey("metric", "rmse | mae", default: "rmse", "what the main table, curves, verdict and report rank by"),
        SpecKey("evaluate_unused", "true | false", default: "false", "also test each run on the pool rows it did not train on"),
        SpecKey("redundancy", "{tolerance: fraction}", default: "{tolerance: 0.1}",
                "how close to the full pool's error counts as \"as good\" in the redundancy verdict"),
        SpecKey("explain", "a block", default: "off", "feature attributions (permutation, TreeSHAP)"),
        SpecKey("max_runs", "an integer, 1–100,000,000", default: "100,000", "refuse a grid larger than this"),
        SpecKey("output", "a path", default: "results/<name>", "the output folder, relative to the spec file"),
    ])

    public static let dataset = SpecSection("dataset", "the data (also an OOD set's `dataset:`)", [
        SpecKey("path", "a path", default: "required", "a CSV file, relative to the spec file"),
        SpecKey("target", "a column", default: "required", "the column to predict"),
        SpecKey("features", "a block", default: "every all-numeric column but the target", "see dataset.features"),
        SpecKey("formula", "a column", default: "the magpie column", "formulas for chemistry rules when features are columns"),
        SpecKey("missing", "error | drop_rows", default: "error", "what an empty or NaN cell (or an unusable structure) does"),
        SpecKey("units", "text", default: "none", "the target's units, shown in table captions"),
        SpecKey("keep_rows", "a row rule (see where)", default: "every row", "only matching rows are kept"),
        SpecKey("duplicates", "{by: formula, keep: lowest | highest | mean | first | all}", default: "none (a warning)",
                "what rows of one reduced composition become"),
        SpecKey("sample", "a row count or {rows, seed}", default: "every row", "a seeded subset, to size a study to the machine"),
        SpecKey("structure", "a column or {column, space_group, symprec}", default: "none",
                "crystal structures (POSCAR text or pymatgen dicts)"),
        SpecKey("group", "a column, or crystal_system", default: "none", "groups for bias tables, ET-AL, where-rules and folds"),
    ])

    public static let features = SpecSection("dataset.features", "which features the models see", [
        SpecKey("magpie", "a formula column", default: "none", "the 132 Magpie composition features"),
        SpecKey("matminer", "paper | composition | structure | a list of families", default: "none",
                "matminer's featurisers, natively (docs/features.md)"),
        SpecKey("columns", "a list of columns", default: "none", "these numeric columns"),
        SpecKey("exclude", "a list of columns", default: "none", "every column but these and the target"),
        SpecKey("structure", "true | false", default: "false", "11 simple structure features"),
    ])

    public static let splits = SpecSection("splits", "which rows test the models", [
        SpecKey("id_test", "{fraction, seed}", default: "{fraction: 0.1, seed: 0}", "the random in-distribution holdout"),
        SpecKey("ood", "a list of OOD test sets", default: "none", "each `{name, dataset | where, drop_overlap, sample}`"),
        SpecKey("cv", "matbench or a block", default: "none", "cross-validation folds instead of id_test (docs/cross-validation.md)"),
    ])

    public static let idTest = SpecSection("splits.id_test", "the random ID holdout", [
        SpecKey("fraction", "a fraction in (0, 1)", default: "0.1", "of the dataset's rows"),
        SpecKey("seed", "an integer", default: "0", "seeds the draw"),
    ])

    public static let crossValidation = SpecSection("splits.cv", "cross-validation folds", [
        SpecKey("by", "random | group | chemical_system | element | cluster", default: "random", "what the folds hold out"),
        SpecKey("folds", "an integer, 2–1,000", default: "required for random; one per group otherwise", "how many folds"),
        SpecKey("seed", "an integer, 0–4,294,967,295", default: "0", "seeds the shuffle (random, cluster)"),
        SpecKey("elements", "a list of element symbols", default: "none", "leave-one-element-out on these (by: element)"),
        SpecKey("min_compounds", "an integer", default: "none", "every element in at least this many rows (by: element)"),
        SpecKey("clusters", "an integer", default: "required for by: cluster", "k-means clusters, one fold each"),
    ])

    public static let ood = SpecSection("splits.ood[]", "one out-of-distribution test set", [
        SpecKey("name", "text", default: "required", "names the table column"),
        SpecKey("dataset", "a dataset block", default: "none", "rows of another file"),
        SpecKey("drop_overlap", "formula", default: "none", "leave out the compositions the main dataset has"),
        SpecKey("where", "a row rule", default: "none", "rows of the main dataset moved out of the pool"),
        SpecKey("sample", "a row count or {rows, seed}", default: "every row", "a seeded subset of the set"),
    ])

    public static let rowRule = SpecSection("where (and keep_rows)", "a row rule; every condition given must hold", [
        SpecKey("elements", "{min, max}", default: "none", "the number of distinct elements"),
        SpecKey("contains", "a list of element symbols", default: "none", "any of these elements"),
        SpecKey("target", "{min, max}", default: "none", "a target range"),
        SpecKey("group", "a list of groups", default: "none", "crystal systems, or a group column's values"),
    ])

    public static let explain = SpecSection("explain", "feature attributions", [
        SpecKey("method", "permutation", default: "permutation", "shuffle each feature's column"),
        SpecKey("repeats", "an integer, 1–10,000", default: "5", "shuffles per feature"),
        SpecKey("split", "id or an OOD set's name", default: "id", "the test set the error is measured on"),
        SpecKey("sizes", "a list of train sizes", default: "every size", "which runs are explained"),
        SpecKey("top", "an integer, 1–100,000", default: "10", "how many features the tables and rank stability show"),
    ])

    /// Every block, in the order `sieve describe` prints them.
    public static let all: [SpecSection] = [top, dataset, features, splits, idTest, crossValidation, ood, rowRule, explain]
}
