/// Sampling primitives that Sieve defines itself, so that a seed gives the same draws on every
/// platform and every Swift version (the standard library documents no such guarantee for
/// `shuffle`, `randomElement` or `Int.random(in:)`).
extension RandomNumberGenerator {
    /// A uniform integer in `0..<bound` (Lemire's nearly divisionless method, unbiased).
    @inlinable
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "uniform(below:) needs a positive bound, got \(bound).")
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold {
                product = next().multipliedFullWidth(by: n)
            }
        }
        return Int(product.high)
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `array` in place (Fisher–Yates, drawing from the back).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = uniform(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// A random permutation of `0..<count`.
    public mutating func permutation(of count: Int) -> [Int] {
        var p = Array(0..<count)
        shuffle(&p)
        return p
    }

    /// `k` distinct indices from `0..<n` in the order drawn (partial Fisher–Yates).
    public mutating func sample(_ k: Int, from n: Int) -> [Int] {
        precondition(k >= 0 && k <= n, "Cannot draw \(k) distinct items from \(n).")
        var p = Array(0..<n)
        for i in 0..<k {
            let j = i + uniform(below: n - i)
            p.swapAt(i, j)
        }
        return Array(p[0..<k])
    }
}
