#if canImport(Glibc)
import Glibc
#endif
import CXGBoost

/// An XGBoost model (`BoosterHandle`), freed when the value is released.
///
/// Every output buffer the library returns is copied before the next call, as `c_api.h` asks.
/// A booster is not safe to use from two threads at once: the library reuses one prediction buffer
/// per booster. ``Booster`` serialises its calls with a lock so a fitted model can be shared.
/// After a failed call the library's learner can be left half-configured (in 1.7.4, a second
/// `XGBoosterUpdateOneIter` after a rejected `max_depth` dereferences null, also from plain C),
/// so a booster that failed once refuses every later call with the original error.
///
/// The wrapper uses untyped `throws` (always ``XGBoostError``): with typed throws of this
/// two-string error, Swift 6.3.1 corrupted the async task allocator of the calling test.
public final class Booster: @unchecked Sendable {
    private let handle: BoosterHandle
    private let lock = CallLock()
    /// The first failure, once there was one (guarded by `lock`).
    private nonisolated(unsafe) var poisoned: XGBoostError?

    /// A new booster that will train on `cache` (the training matrix).
    public init(training cache: DMatrix) throws {
        var out: BoosterHandle?
        var handles: [DMatrixHandle?] = [cache.handle]
        try check(XGBoosterCreate(&handles, 1, &out), "XGBoosterCreate")
        handle = out!
    }

    deinit { XGBoosterFree(handle) }

    /// Runs one library call under the lock, refusing it after an earlier failure.
    private func call<R>(_ body: () throws -> R) throws -> R {
        try lock.locked { () throws -> R in
            if let earlier = poisoned {
                throw XGBoostError(function: earlier.function,
                                   message: "the booster is unusable after an earlier failure: \(earlier.message)")
            }
            do {
                return try body()
            } catch let error as XGBoostError {
                poisoned = error
                throw error
            }
        }
    }

    public func setParameter(_ name: String, _ value: String) throws {
        try call { () throws in try check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam") }
    }

    /// Runs one boosting round on `training`.
    public func updateOneIteration(_ iteration: Int, training: DMatrix) throws {
        try call { () throws in
            try check(XGBoosterUpdateOneIter(handle, Int32(iteration), training.handle), "XGBoosterUpdateOneIter")
        }
    }

    /// The metric line the library prints for `matrices` at `iteration`, e.g. "[3]\tvalid-rmse:0.31".
    public func evaluate(_ iteration: Int, _ matrices: [(name: String, matrix: DMatrix)]) throws -> String {
        try call { () throws -> String in
            var handles: [DMatrixHandle?] = matrices.map { $0.matrix.handle }
            var names = matrices.map { strdup($0.name) }
            defer { names.forEach { free($0) } }
            var out: UnsafePointer<CChar>?
            let status = names.withUnsafeMutableBufferPointer { nameBuffer in
                nameBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
                    XGBoosterEvalOneIter(handle, Int32(iteration), &handles, rebound.baseAddress, bst_ulong(matrices.count), &out)
                }
            }
            try check(status, "XGBoosterEvalOneIter")
            return String(cString: out!)
        }
    }

    /// The number of boosting rounds in the model.
    public func boostedRounds() throws -> Int {
        try call { () throws -> Int in
            var rounds: Int32 = 0
            try check(XGBoosterBoostedRounds(handle, &rounds), "XGBoosterBoostedRounds")
            return Int(rounds)
        }
    }

    /// What `XGBoosterPredictFromDMatrix` computes.
    public enum PredictionKind: Int, Sendable {
        case value = 0
        case margin = 1
        case contributions = 2
        case leafIndices = 6
    }

    /// A prediction of the given kind for rounds `[begin, end)` (`end == 0`: all rounds),
    /// copied out of the library's buffer. Returns the output shape and the row-major values.
    public func predict(_ matrix: DMatrix, kind: PredictionKind = .value, roundsFrom begin: Int = 0,
                        to end: Int = 0) throws -> (shape: [Int], values: [Float]) {
        try call { () throws -> (shape: [Int], values: [Float]) in
            let config = "{\"type\": \(kind.rawValue), \"training\": false, \"iteration_begin\": \(begin), "
                + "\"iteration_end\": \(end), \"strict_shape\": false}"
            var shapePointer: UnsafePointer<bst_ulong>?
            var dimension: bst_ulong = 0
            var result: UnsafePointer<Float>?
            try check(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shapePointer, &dimension, &result),
                      "XGBoosterPredictFromDMatrix")
            let shape = (0..<Int(dimension)).map { Int(shapePointer![$0]) }
            let count = shape.reduce(1, *)
            return (shape, Array(UnsafeBufferPointer(start: result, count: count)))
        }
    }

    /// The model's configuration as the library reports it (JSON).
    public func jsonConfig() throws -> String {
        try call { () throws -> String in
            var length: bst_ulong = 0
            var out: UnsafePointer<CChar>?
            try check(XGBoosterSaveJsonConfig(handle, &length, &out), "XGBoosterSaveJsonConfig")
            return String(decoding: UnsafeRawBufferPointer(start: out, count: Int(length)), as: UTF8.self)
        }
    }

    /// The trees as JSON dumps, one string per tree (with statistics when `withStats`).
    public func dumpTrees(withStats: Bool = false) throws -> [String] {
        try call { () throws -> [String] in
            var length: bst_ulong = 0
            var out: UnsafeMutablePointer<UnsafePointer<CChar>?>?
            let status = withUnsafeMutablePointer(to: &out) { outPointer in
                outPointer.withMemoryRebound(to: UnsafeMutablePointer<UnsafePointer<CChar>?>?.self, capacity: 1) {
                    XGBoosterDumpModelEx(handle, "", withStats ? 1 : 0, "json", &length, $0)
                }
            }
            try check(status, "XGBoosterDumpModelEx")
            return (0..<Int(length)).map { String(cString: out![$0]!) }
        }
    }
}
