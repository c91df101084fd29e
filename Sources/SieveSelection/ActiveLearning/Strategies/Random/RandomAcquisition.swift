import SieveCore

/// Random acquisition: every unlabelled row equally likely, without replacement (the baseline
/// the uncertainty strategies must beat; Li et al., Nat. Commun. 14, 7283, 2023).
public struct RandomAcquisition: AcquisitionStrategy {
    public static let name = "random"

    public static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> RandomAcquisition? {
        RandomAcquisition()
    }

    public func scores(_ request: AcquisitionRequest) throws -> [Double] {
        var rng = request.generator("al-random|\(request.iteration)")
        return request.unlabelled.map { _ in rng.unitDouble() }
    }
}
