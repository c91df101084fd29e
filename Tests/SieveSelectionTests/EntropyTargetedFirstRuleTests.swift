import Testing
import SieveCore
@testable import SieveSelection

/// ET-AL's `unlabelled.first` rules are ``RowRule``s read by the reader of `where` and `keep_rows`.
@Suite struct EntropyTargetedFirstRuleTests {
    static func at(_ column: Int) -> SieveCore.SourceLocation { SieveCore.SourceLocation(path: "t.yaml", line: 1, column: column) }
    static func number(_ value: Int, _ column: Int) -> SpecNode { SpecNode(.int(value), at: at(column)) }
    static func text(_ value: String, _ column: Int) -> SpecNode { SpecNode(.string(value), at: at(column)) }
    static func list(_ items: [SpecNode], _ column: Int) -> SpecNode { SpecNode(.list(items), at: at(column)) }
    /// Keys as (text, column, value).
    static func map(_ pairs: [(String, Int, SpecNode)], _ column: Int) -> SpecNode {
        SpecNode(.mapping(pairs.map { (key: text($0.0, $0.1), value: $0.2) }), at: at(column))
    }

    /// `{unlabelled: {rows: 0.5, first: [<rule>]}}` around one rule.
    static func section(_ rule: SpecNode) -> SpecNode {
        map([("unlabelled", 2, map([("rows", 15, SpecNode(.double(0.5), at: at(21))), ("first", 26, list([rule], 33))], 14))], 1)
    }

    func resolve(_ rule: SpecNode) -> (campaigns: [EntropyTargetedCampaign], problems: [String]) {
        let log = SpecLog(source: SourceText(path: "t.yaml", text: ""))
        let context = CampaignResolution(models: [], declaredModels: [], seeds: [0], datasetGroup: "crystal_system")
        let campaigns = EntropyTargetedCampaign.resolve(Self.section(rule), context: context, log: log)
        return (campaigns, log.diagnostics.map { "\($0.location!.line):\($0.location!.column): \($0.message)" })
    }

    /// `{group: [cubic], target: {min: 50}}`
    static let cubicAbove50 = map([("group", 35, list([text("cubic", 43)], 42)),
                                   ("target", 51, map([("min", 60, number(50, 65))], 59))], 34)

    @Test func aFirstRuleAndAWhereRuleWithTheSameTextAreEqual() {
        let (campaigns, problems) = resolve(Self.cubicAbove50)
        #expect(problems.isEmpty)
        let log = SpecLog(source: SourceText(path: "t.yaml", text: ""))
        let asWhere = RowRule.read(Self.cubicAbove50, what: "The `where` rule of 'a'", path: "where", log: log)
        #expect(log.diagnostics.isEmpty)
        #expect(campaigns.first?.unlabelledRules == [asWhere!])
        #expect(asWhere == RowRule(groups: ["cubic"], minTarget: 50))
    }

    @Test func theFingerprintFragmentIsUnchanged() {
        // The text ET-AL's identities have carried since `first` had its own rule type.
        #expect(resolve(Self.cubicAbove50).campaigns.first?.fingerprint.contains("|first={groups=cubic;min=50.0;max=-}|") == true)
    }

    @Test func minAboveMaxIsRefusedWhereItIsWritten() {
        let rule = Self.map([("target", 35, Self.map([("min", 44, Self.number(2, 49)), ("max", 52, Self.number(1, 57))], 43))], 34)
        #expect(resolve(rule).problems == ["1:43: etal.unlabelled.first.target has min 2.0 above max 1.0, so no row could match."])
    }

    @Test func elementConditionsAndTyposAreRefused() {
        let rule = Self.map([("elements", 35, Self.map([("min", 46, Self.number(2, 51))], 45)),
                             ("groups", 55, Self.list([Self.text("cubic", 63)], 62))], 34)
        #expect(resolve(rule).problems == [
            "1:55: An etal.unlabelled.first rule has no setting 'groups'. Did you mean 'group'?",
            "1:35: etal.unlabelled.first.elements looks at each row's elements, which ET-AL does not see; "
                + "its first unlabelled rows are picked by `group` and `target`.",
        ])
    }
}
