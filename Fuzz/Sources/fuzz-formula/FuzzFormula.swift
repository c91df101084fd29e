import CFuzzDriver
import Glibc
import SieveData

private let featurizer = MagpieFeaturizer()

/// libFuzzer entry point: any text as a chemical formula must parse to a composition with
/// positive finite amounts, or fail with a ``FormulaParser/Failure`` at an offset inside the
/// text; a parsed composition must featurise (or name its unknown element) without a trap.
func fuzzFormula(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let composition = try FormulaParser().parse(text)
        precondition(!composition.isEmpty)
        precondition(composition.amounts.allSatisfy { $0 > 0 && $0.isFinite }, "amounts of \(text.debugDescription): \(composition.amounts)")
        precondition(composition.fractions.allSatisfy(\.isFinite), "fractions of \(text.debugDescription)")
        _ = composition.reducedKey
        if featurizer.unknownElement(in: composition) == nil {
            let features = featurizer.features(of: composition)
            precondition(features.count == featurizer.featureCount)
        }
    } catch let failure as FormulaParser.Failure {
        precondition(failure.offset >= 0 && failure.offset <= text.unicodeScalars.count,
                     "offset \(failure.offset) outside \(text.debugDescription)")
        _ = failure.description
    } catch {
        fatalError("FormulaParser threw an error that is not a Failure: \(error)")
    }
    return 0
}

@main enum FuzzFormula {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzFormula(data, size) })
    }
}
