import Testing
import SieveCore
@testable import SieveData

@Suite struct SplitTests {
    @Test func holdoutIsDeterministicDisjointAndComplete() {
        let rows = Array(0..<1000)
        for seed in 0..<20 {
            let (test, pool) = RandomHoldout(fraction: 0.1, seed: seed).split(rows.reversed())
            #expect(test.count == 100, "seed \(seed)")
            #expect(Set(test).isDisjoint(with: pool), "seed \(seed)")
            #expect((test + pool).sorted() == rows, "seed \(seed)")
            #expect(RandomHoldout(fraction: 0.1, seed: seed).split(rows).test == test, "seed \(seed): order of input matters")
        }
        #expect(RandomHoldout(fraction: 0.1, seed: 0).split(rows).test != RandomHoldout(fraction: 0.1, seed: 1).split(rows).test)
    }

    @Test func filtersMatchChemistryAndTarget() throws {
        let p = FormulaParser()
        let five = RowRule(minElements: 5)
        #expect(five.matches(try p.parse("YBa2Cu3O7F"), target: 0))
        #expect(!five.matches(try p.parse("YBa2Cu3O7"), target: 0))
        let halides = RowRule(containsAny: ["F", "Cl", "Br", "I"])
        #expect(halides.matches(try p.parse("NaCl"), target: 0))
        #expect(!halides.matches(try p.parse("NaO"), target: 0))
        let high = RowRule(minTarget: 1)
        #expect(high.matches(nil, target: 1.5) && !high.matches(nil, target: 0.5))
        #expect(!five.matches(nil, target: 0), "a composition rule cannot match a row without a formula")
    }
}
