/// A spec's list of seeds: a count (`5` means seeds 0–4) or a list of distinct integers.
public enum SeedList {
    /// More seeds than this are refused before anything is allocated (a grid multiplies them).
    public static let limit = 100_000

    public static func read(_ node: SpecNode, log: SpecLog) -> [Int] {
        if let count = node.int {
            guard count >= 1 else { log.error(node, "seeds must be at least 1, got \(count)."); return [] }
            guard count <= limit else {
                log.error(node, "seeds: \(count) asks for \(count) replicates, more than the \(limit) Sieve accepts; "
                          + "a grid that large cannot have been meant.")
                return []
            }
            return Array(0..<count)
        }
        if node.isOversizedInteger {
            _ = log.int(node, "seeds")
            return []
        }
        guard let items = node.list, !items.isEmpty else {
            log.error(node, "seeds must be a count (e.g. 5, meaning seeds 0–4) or a non-empty list of integers.")
            return []
        }
        var seeds: [Int] = []
        for item in items {
            guard let seed = log.int(item, "Each seed") else { continue }
            if seeds.contains(seed) { log.error(item, "The seed \(seed) is listed twice."); continue }
            seeds.append(seed)
        }
        return seeds
    }
}
