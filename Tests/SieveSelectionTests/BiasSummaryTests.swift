import Testing
@testable import SieveSelection

@Suite struct BiasSummaryTests {
    @Test func perGroupNumbersAndSpread() {
        // "b": 3, 1, 2, 5, 4 → SciPy's entropy 1.9764805138932786 (fixture "explicit" row);
        // "a": six ties → −∞ (a zero spacing); "c": two values → no entropy.
        let labels: [Double] = [3, 7, 1, 7, 2, 7, 5, 7, 4, 7, 7, -1, 9]
        let groups = ["b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "a", "c", "c"]
        let s = BiasSummary(set: "pool", labels: labels, groups: groups)
        #expect(s.groups.map(\.name) == ["a", "b", "c"])
        #expect(s.groups.map(\.count) == [6, 5, 2])
        #expect(s.groups[0].entropy == -.infinity)
        #expect(abs(s.groups[1].entropy - 1.9764805138932786) < 1e-13)
        #expect(s.groups[2].entropy.isNaN)
        #expect(s.groups[2].minimumLabel == -1 && s.groups[2].maximumLabel == 9)
        #expect(s.minimumEntropy == -.infinity)
        #expect(s.spread == .infinity)
        let rows = s.tableRows
        #expect(rows.count == 5 && rows.allSatisfy { $0.count == BiasSummary.tableHeader.count })
        #expect(rows[3] == ["pool", "(min entropy)", "13", "-inf", "", ""])
        #expect(rows[1][3] == s.groups[1].entropy.description)
    }

    @Test func spreadOverDefinedGroupsOnly() {
        let s = BiasSummary(set: "train", labels: [3, 1, 2, 5, 4, 0.5, 0.25, 0.1, 0.3, 0.2, 8],
                            groups: ["x", "x", "x", "x", "x", "y", "y", "y", "y", "y", "z"])
        let hx = DifferentialEntropy.of([3, 1, 2, 5, 4]), hy = DifferentialEntropy.of([0.5, 0.25, 0.1, 0.3, 0.2])
        #expect(s.minimumEntropy == Swift.min(hx, hy))
        #expect(s.spread == abs(hx - hy))
        #expect(BiasSummary(set: "t", labels: [1], groups: ["g"]).spread == nil)
    }
}
