import Foundation
import Testing
import SieveCore
@testable import SieveSelection

/// SciPy 1.18.1's `differential_entropy` on the vectors of bench/fixtures/make_entropy_fixture.py.
@Suite struct DifferentialEntropyTests {
    struct Case {
        let kind: String
        let values: [Double]
        let entropy: Double
    }

    static let cases: [Case] = {
        let path = Bundle.module.resourcePath! + "/Fixtures/differential_entropy.csv"
        let lines = try! String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let entropy = Double(f[5])!
            if f[0].hasPrefix("explicit:") {
                let values = f[0].dropFirst("explicit:".count).split(separator: " ").map { Double($0)! }
                return Case(kind: "explicit", values: values, entropy: entropy)
            }
            let values = vector(kind: f[0], n: Int(f[1])!, seed: UInt64(f[2])!)
            // The generator must reproduce Python's vector bit for bit before the entropies mean anything.
            var sum = 0.0
            for v in values { sum += v }
            precondition(values.first == Double(f[3])! && sum == Double(f[4])!, "The \(f[0]) vector of length \(f[1]) differs from the fixture's.")
            return Case(kind: f[0], values: values, entropy: entropy)
        }
    }()

    /// The fixture's generators (see the script): xoshiro256** and IEEE arithmetic only.
    static func vector(kind: String, n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        return (0..<n).map { _ in
            switch kind {
            case "uniform": return 10 * rng.unitDouble() - 3
            case "normal":
                let a = rng.unitDouble(), b = rng.unitDouble(), c = rng.unitDouble(), d = rng.unitDouble()
                return a + b + c + d - 2
            case "skewed":
                let a = rng.unitDouble(), b = rng.unitDouble(), c = rng.unitDouble()
                return a * b * c * 5
            case "ties": return (rng.unitDouble() * Double(Swift.max(2, n / 4))).rounded(.down) * 0.25
            case "coarse": return (rng.unitDouble() * 6).rounded(.down)
            case "clustered":
                let a = rng.unitDouble(), b = rng.unitDouble()
                return a < 0.5 ? b * 0.001 : 1 + b
            default: fatalError("Unknown kind \(kind).")
            }
        }
    }

    static func agrees(_ got: Double, _ want: Double, tolerance: Double = 1e-12) -> Bool {
        if want.isNaN { return got.isNaN }
        if want.isInfinite { return got == want }
        return abs(got - want) <= tolerance * Swift.max(1, abs(want))
    }

    @Test func fixtureCoversEveryBoundary() {
        let lengths = Set(Self.cases.map(\.values.count))
        for n in [1, 4, 5, 10, 11, 999, 1000, 1001, 1002, 2000] { #expect(lengths.contains(n), "n = \(n)") }
        // Window changes (m → m + 1 at n = m² + m + 1) up to 2000.
        for m in 2...44 { #expect(lengths.contains(m * m + m + 1), "window boundary at m = \(m)") }
        #expect(Self.cases.count > 1000)
        #expect(Self.cases.contains { $0.entropy == -.infinity } && Self.cases.contains { $0.entropy.isNaN })
    }

    @Test func matchesSciPy() {
        var worst = 0.0
        for c in Self.cases {
            let h = DifferentialEntropy.of(c.values)
            if !Self.agrees(h, c.entropy) { Issue.record("\(c.kind) n=\(c.values.count): \(h) vs SciPy \(c.entropy)") }
            if c.entropy.isFinite { worst = Swift.max(worst, abs(h - c.entropy) / Swift.max(1, abs(c.entropy))) }
        }
        #expect(worst < 1e-12)
    }

    @Test func windowAndMethodAsSciPy() {
        #expect((1...12).map { DifferentialEntropy.window(count: $0) } == [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3])
        #expect(DifferentialEntropy.window(count: 13) == 4 && DifferentialEntropy.window(count: 12) == 3)
        #expect(DifferentialEntropy.method(count: 10) == .vanEs && DifferentialEntropy.method(count: 11) == .ebrahimi)
        #expect(DifferentialEntropy.method(count: 1000) == .ebrahimi && DifferentialEntropy.method(count: 1001) == .vasicek)
        #expect(!DifferentialEntropy.isDefined(count: 4) && DifferentialEntropy.isDefined(count: 5))
        #expect(DifferentialEntropy.of([1, 2, .nan, 4, 5, 6]).isNaN)
    }

    /// Adding a fixture vector's value to the rest must give SciPy's entropy of the whole vector:
    /// the last value (anywhere), the minimum and the maximum (the padded ends).
    @Test func addingOneValueMatchesSciPy() {
        for c in Self.cases where c.values.count >= 2 {
            let v = c.values
            let lowest = v.indices.min { v[$0] < v[$1] }!, highest = v.indices.max { v[$0] < v[$1] }!
            for k in Set([v.count - 1, lowest, highest]) {
                var rest = v
                let added = rest.remove(at: k)
                let h = EntropyWithAddedValue(sample: rest).entropy(adding: added)
                if !Self.agrees(h, c.entropy) { Issue.record("\(c.kind) n=\(v.count) adding #\(k): \(h) vs SciPy \(c.entropy)") }
            }
        }
    }

    /// Random samples and added values (inside, outside, on ties) against recomputing from scratch.
    @Test func addingOneValueEqualsRecomputing() {
        for seed in 0..<300 {
            var rng = Xoshiro256(seed: UInt64(seed))
            let n = [4, 9, 10, 11, 12, 19, 20, 55, 56, 57, 400, 999, 1000, 1001][seed % 14] + rng.uniform(below: 3)
            let tied = seed % 3 == 0
            let sample = (0..<n).map { _ in tied ? (rng.unitDouble() * 8).rounded(.down) / 4 : rng.unitDouble() * 3 }
            let structure = EntropyWithAddedValue(sample: sample)
            var added = (0..<40).map { _ in rng.unitDouble() * 4 - 0.5 }
            added += [sample.min()!, sample.max()!, sample[0], sample.min()! - 1, sample.max()! + 1]
            var out = [Double](repeating: 0, count: added.count)
            added.withUnsafeBufferPointer { a in out.withUnsafeMutableBufferPointer { structure.entropies(adding: a, into: $0) } }
            for (v, h) in zip(added, out) {
                let want = DifferentialEntropy.of(sample + [v])
                #expect(Self.agrees(h, want, tolerance: 1e-11), "seed \(seed), n \(n), v \(v): \(h) vs \(want)")
                #expect(h == structure.entropy(adding: v) || (h.isNaN && want.isNaN))
            }
        }
    }
}
