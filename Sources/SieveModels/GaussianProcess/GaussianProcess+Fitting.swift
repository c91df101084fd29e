#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import SieveCore
import SieveLAPACK

extension GaussianProcess {
    /// Fits the hyperparameters by maximising the exact log marginal likelihood, then conditions.
    ///
    /// The constant is profiled out (``MarginalLikelihood``); (log s, log ℓ, log σ²) go to
    /// ``BoundedLBFGS`` with analytic gradients from each start of `options` and from `extraStart`
    /// (clamped into the bounds) if given (only the first of `options` above `allStartsUpTo` rows);
    /// the highest likelihood wins, the earliest start on ties.
    /// Starts run on up to `threads` threads at once; the result does not depend on it.
    /// Deterministic. Needs at least two rows with some spread in the targets or inputs.
    public static func fit(inputs: Matrix<Double>, targets: [Double], options: GaussianProcessFitOptions = .init(),
                           extraStart: GaussianProcessHyperparameters? = nil, threads: Int = 1) throws -> GaussianProcess {
        guard targets.count >= 2 else {
            throw ModelError.invalidParameters(["A Gaussian process needs at least 2 training rows to fit its hyperparameters, got \(targets.count)."])
        }
        guard targets.allSatisfy(\.isFinite), inputs.isFinite else {
            throw ModelError.invalidParameters(["The Gaussian process's inputs and targets must be finite (no NaN or infinity)."])
        }
        let (variance, distance) = scales(inputs: inputs, targets: targets)
        let likelihood = MarginalLikelihood(inputs: inputs, targets: targets)
        let reference = [variance, distance, variance]
        let lower = [log(options.outputScaleBounds.lowerBound * variance), log(options.lengthScaleBounds.lowerBound * distance),
                     log(options.noiseBounds.lowerBound * variance)]
        let upper = [log(options.outputScaleBounds.upperBound * variance), log(options.lengthScaleBounds.upperBound * distance),
                     log(options.noiseBounds.upperBound * variance)]
        let used = targets.count <= options.allStartsUpTo ? options.starts : Array(options.starts.prefix(1))
        let starts = used.map { multiples in (0..<3).map { log(multiples[$0] * reference[$0]) } }
            + (extraStart.map { h in [[log(h.outputScale), log(h.lengthScale), log(h.noise)]] } ?? [])
        var optimizer = BoundedLBFGS()
        optimizer.maxIterations = options.maxIterations
        let search = optimizer
        let results = Mutex([BoundedLBFGS.Result?](repeating: nil, count: starts.count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, starts.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= starts.count { break }
                do {
                    let result = try search.minimize(start: starts[index], lower: lower, upper: upper) { p in
                        do {
                            let e = try likelihood.evaluate(outputScale: exp(p[0]), lengthScale: exp(p[1]), noise: exp(p[2]))
                            return (-e.value, e.gradient.map { -$0 })
                        } catch is LAPACKError {
                            return (.infinity, [0, 0, 0])
                        }
                    }
                    results.withLock { $0[index] = result }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var best: (result: BoundedLBFGS.Result, start: Int)?
        var total = 0
        for (index, result) in results.withLock({ $0 }).enumerated() {
            guard let result else { continue }
            total += result.evaluations
            if result.value.isFinite, best == nil || result.value < best!.result.value { best = (result, index) }
        }
        guard let (result, start) = best else {
            throw ModelError.invalidParameters(["No start gave a positive-definite kernel matrix when fitting the Gaussian process on \(targets.count) rows."])
        }
        let p = result.point
        let constant = try likelihood.evaluate(outputScale: exp(p[0]), lengthScale: exp(p[1]), noise: exp(p[2])).constant
        var gp = try GaussianProcess(inputs: inputs, targets: targets, hyperparameters: GaussianProcessHyperparameters(
            constant: constant, outputScale: exp(p[0]), lengthScale: exp(p[1]), noise: exp(p[2])))
        gp.fitReport = GaussianProcessFitReport(start: start, iterations: result.iterations, evaluations: result.evaluations,
                                                totalEvaluations: total, converged: result.converged)
        return gp
    }

    /// v = variance of the targets (population); r = median Euclidean distance between the first
    /// 256 input rows (all pairs; NumPy's median, the mean of the middle two for an even count).
    /// Zero (constant targets, identical inputs) becomes 1 so the bounds stay a box.
    static func scales(inputs: Matrix<Double>, targets: [Double]) -> (variance: Double, distance: Double) {
        let n = Double(targets.count)
        let mean = targets.reduce(0, +) / n
        var variance = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let head = inputs.gatheringRows(0..<Swift.min(inputs.rows, 256))
        let d2 = MarginalLikelihood.squaredDistances(head, head)
        var distances: [Double] = []
        for j in 0..<head.rows { for i in (j + 1)..<head.rows { distances.append(d2[j * head.rows + i].squareRoot()) } }
        distances.sort()
        var distance = distances.isEmpty ? 1 : (distances.count % 2 == 1 ? distances[distances.count / 2]
            : 0.5 * (distances[distances.count / 2 - 1] + distances[distances.count / 2]))
        if !(variance > 0) { variance = 1 }
        if !(distance > 0) { distance = 1 }
        return (variance, distance)
    }
}
