import Foundation
import Testing
@testable import SieveData

@Suite struct MagpieTests {
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures"

    @Test func tableHas22PropertiesFor97Elements() {
        let table = MagpieTable.shipped
        #expect(table.properties.count == 22)
        #expect(table.values.count == 97)
        #expect(MagpieFeaturizer().featureCount == 132)
    }

    /// The committed reference was made by shared/bench/featurize_magpie.py (printed with 6
    /// significant digits) on 313 formulas: 300 from the MP and OQMD samples and 13 with
    /// parentheses, brackets and decimals.
    @Test func featuresMatchTheReferenceScript() throws {
        let ours = try DatasetLoader().load(DatasetOptions(
            path: Self.fixtures + "/magpie_formulas.csv", target: "target", features: .magpie(formulaColumn: "formula")))
        let reference = try DatasetLoader().load(DatasetOptions(
            path: Self.fixtures + "/magpie_reference.csv", target: "target", features: .excluding(["formula"])))
        #expect(ours.count == 313)
        #expect(reference.count == ours.count)
        #expect(ours.featureNames == reference.featureNames)
        var worst = 0.0
        for r in 0..<ours.count {
            for c in 0..<ours.featureNames.count {
                let a = Double(ours.features[r, c]), b = Double(reference.features[r, c])
                let error = abs(a - b) / max(1, abs(b))
                worst = max(worst, error)
                #expect(error < 1e-5, "row \(r) (\(ours.formulas![r])), feature \(ours.featureNames[c]): \(a) vs \(b)")
            }
        }
        #expect(worst > 0, "the reference is rounded to 6 digits, so some difference is expected")
    }

    @Test func modeTiesGoToTheFirstElement() throws {
        let f = MagpieFeaturizer()
        let features = f.features(of: try FormulaParser().parse("NaCl"))
        let number = f.featureNames.firstIndex(of: "mode_Number")!
        #expect(features[number] == 11)
        let reversed = f.features(of: try FormulaParser().parse("ClNa"))
        #expect(reversed[number] == 17)
    }
}
