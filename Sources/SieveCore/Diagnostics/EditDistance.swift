/// "Did you mean" suggestions for closed vocabularies.
public enum EditDistance {
    /// Levenshtein distance between two strings, counted in characters.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate to `word`, if it is close enough to be a likely typo
    /// (distance at most a third of the word's length, and at least 1 allowed).
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let scored = candidates.map { (candidate: $0, distance: between(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }) else { return nil }
        return best.distance <= Swift.max(1, word.count / 3) ? best.candidate : nil
    }

    /// ", did you mean 'x'?" or an empty string: ready to append to an error sentence.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// "; did you mean 'x'?" or ".", to end a sentence either way.
    public static func didYouMeanOrPeriod(_ word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? "."
    }
}
