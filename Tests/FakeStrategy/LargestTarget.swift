import SieveCore
import SieveSelection

/// A deliberately simple acquisition strategy that lives outside Sieve's sources: label the rows
/// with the largest targets first (it peeks at labels, so it is useless science). It exists to
/// show that a new strategy is one folder and one registration line (`Entrypoint.swift`), and
/// the end-to-end tests run it like any other: plan, progress, kill -9 and resume, tables, report.
struct LargestTarget: AcquisitionStrategy {
    static let name = "largest_target"

    static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> LargestTarget? {
        LargestTarget()
    }

    func scores(_ request: AcquisitionRequest) throws -> [Double] {
        request.unlabelled.map { request.data.targets[$0] }
    }
}
