import Testing
import SieveCore
@testable import SieveSpec

/// `where` and `keep_rows` are the one ``RowRule``, read by its one reader.
@Suite struct RowRuleSpecTests {
    static let rule = "{elements: {max: 4}, contains: [O], group: [cubic], target: {min: -3, max: 2}}"

    static func spec(keep: String, where rule: String) -> String {
        """
        name: t
        dataset: {path: x.csv, target: y, features: {magpie: formula}, group: family, keep_rows: \(keep)}
        splits:
          ood:
            - name: a
              where: \(rule)
        models: {rf: {kind: random_forest}}
        """
    }

    func problems(_ text: String) -> [String] {
        SpecReader.parse(text: text, path: "t.yaml").diagnostics.map { "\($0.location!.line):\($0.location!.column): \($0.message)" }
    }

    /// The reference's table of a rule's keys (`sieve describe where`) is the reader's.
    @Test func theReferenceListsTheReadersKeys() {
        #expect(SpecSections.rowRule.names == RowRule.keys)
    }

    @Test func whereAndKeepRowsWithTheSameTextAreEqual() throws {
        let spec = try SpecReader.read(text: Self.spec(keep: Self.rule, where: Self.rule), path: "t.yaml")
        guard case let .filter(asWhere) = spec.splits.ood[0].source else { Issue.record("a is a rule"); return }
        #expect(spec.dataset.keepRows == asWhere)
        #expect(asWhere == RowRule(maxElements: 4, containsAny: ["O"], groups: ["cubic"], minTarget: -3, maxTarget: 2))
        #expect(asWhere.location == SieveCore.SourceLocation(path: "t.yaml", line: 6, column: 14))
        #expect(spec.dataset.keepRows?.locatedGroups.map(\.location.line) == [2])
    }

    @Test func minAboveMaxIsRefusedInBoth() {
        let bad = "{target: {min: 2, max: 1}}"
        #expect(problems(Self.spec(keep: bad, where: bad)) == [
            "2:99: dataset.keep_rows.target has min 2.0 above max 1.0, so no row could match.",
            "6:23: where.target has min 2.0 above max 1.0, so no row could match.",
        ])
    }

    @Test func typosGetADidYouMeanInBoth() {
        let typo = "{contain: [O]}"
        #expect(problems(Self.spec(keep: typo, where: typo)) == [
            "2:91: dataset.keep_rows has no setting 'contain'. Did you mean 'contains'?",
            "6:15: The `where` rule of 'a' has no setting 'contain'. Did you mean 'contains'?",
        ])
    }
}
