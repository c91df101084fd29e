import Testing
@testable import SieveData

@Suite struct FormulaParserTests {
    let parser = FormulaParser()

    func parsed(_ formula: String) throws -> [String: Double] {
        let c = try parser.parse(formula)
        return Dictionary(uniqueKeysWithValues: zip(c.elements, c.amounts))
    }

    @Test func simpleAndExplicitOnes() throws {
        #expect(try parsed("Fe2O3") == ["Fe": 2, "O": 3])
        #expect(try parsed("C1Pt1") == ["C": 1, "Pt": 1])
        #expect(try parsed("NaCl") == ["Na": 1, "Cl": 1])
    }

    @Test func parenthesesAndBracketsMultiply() throws {
        #expect(try parsed("Ag(AuS)2") == ["Ag": 1, "Au": 2, "S": 2])
        #expect(try parsed("Ca3(PO4)2") == ["Ca": 3, "P": 2, "O": 8])
        #expect(try parsed("[Cu(NH3)4]SO4") == ["Cu": 1, "N": 4, "H": 12, "S": 1, "O": 4])
        #expect(try parsed("K2(Mn(CN)6)0.5") == ["K": 2, "Mn": 0.5, "C": 3, "N": 3])
    }

    @Test func decimalsAndRepeatedElements() throws {
        #expect(try parsed("Fe0.95O") == ["Fe": 0.95, "O": 1])
        #expect(try parsed("Li.5CoO2") == ["Li": 0.5, "Co": 1, "O": 2])
        #expect(try parsed("CH3COOH") == ["C": 2, "H": 4, "O": 2])
    }

    @Test func orderIsFirstAppearance() throws {
        #expect(try parser.parse("S(AgS)2").elements == ["S", "Ag"])
        #expect(try parser.parse("Ag(AuS)2").elements == ["Ag", "Au", "S"])
    }

    @Test(arguments: [
        ("Fe2Xx3", 3, "'Xx' is not an element symbol"),
        ("Fe2(O3", 6, "missing ')'"),
        ("Fe2)O3", 3, "unmatched ')'"),
        ("Fe2O3!", 5, "unexpected '!'"),
        ("", 0, "it names no elements"),
        ("()", 0, "empty brackets"),
        ("Fe0O", 0, "every element needs a positive amount"),
        ("fe2o3", 0, "unexpected 'f'"),
    ])
    func errorsSayWhatAndWhere(formula: String, offset: Int, reason: String) {
        #expect(throws: FormulaParser.Failure(offset: offset, reason: reason)) { try parser.parse(formula) }
    }

    @Test func reducedKeysMatchAcrossNotations() throws {
        let a = try parser.parse("Fe2O3").reducedKey
        #expect(a == (try parser.parse("O3Fe2")).reducedKey)
        #expect(a == (try parser.parse("Fe4O6")).reducedKey)
        #expect(a == (try parser.parse("Fe0.4O0.6")).reducedKey)
        #expect(a != (try parser.parse("Fe3O4")).reducedKey)
    }
}
