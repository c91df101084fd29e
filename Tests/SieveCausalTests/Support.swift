import Foundation
import SieveCore
@testable import SieveCausal
import SieveTestSupport

/// Paths, fixtures and the committed QM9 sample, for the causal tests.
enum Support {
    static let root = Repository.root
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures"
    static let qm9SamplePath = root + "/experiments/data/qm9_sample.csv"

    /// A JSON fixture as nested dictionaries and arrays.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A plain numeric CSV (header line, no quoting) as a header and row-major matrix; `skip` leading text columns.
    static func csv(_ path: String, skip: Int = 0) throws -> (header: [String], matrix: Matrix<Double>) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: ",").dropFirst(skip).map(String.init)
        var values: [Double] = []
        values.reserveCapacity(lines.count * header.count)
        for line in lines {
            for field in line.split(separator: ",").dropFirst(skip) { values.append(Double(field)!) }
        }
        return (header, Matrix(rows: lines.count, columns: header.count, storage: values))
    }

    nonisolated(unsafe) static var qm9Cache: (header: [String], matrix: Matrix<Double>)?
    static let qm9Lock = NSLock()

    /// The committed QM9 sample (descriptors, polarizability, dipole; SMILES dropped).
    static func qm9() throws -> (header: [String], matrix: Matrix<Double>) {
        qm9Lock.lock(); defer { qm9Lock.unlock() }
        if let cached = qm9Cache { return cached }
        let loaded = try csv(qm9SamplePath, skip: 1)
        qm9Cache = loaded
        return loaded
    }

    /// Some columns of the QM9 sample, by name, for the given rows.
    static func qm9(columns: [String], rows: [Int]) throws -> Matrix<Double> {
        let (header, matrix) = try qm9()
        let indices = columns.map { header.firstIndex(of: $0)! }
        return Matrix(rows.map { r in indices.map { matrix[r, $0] } })
    }

    static func doubles(_ any: Any?) -> [Double] { (any as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    static func ints(_ any: Any?) -> [Int] { (any as! [Any]).map { ($0 as! NSNumber).intValue } }
    static func matrix(_ any: Any?) -> [[Double]] { (any as! [Any]).map { doubles($0) } }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
    }
}
