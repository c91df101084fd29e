import Testing
@testable import SieveCore

/// Spec nodes built by hand, on line 1 of t.yaml at the given columns, as the YAML reader would
/// give them for `{target: {min: 2, max: 1}}` and the like.
enum HandNodes {
    static func at(_ column: Int) -> SieveCore.SourceLocation { SieveCore.SourceLocation(path: "t.yaml", line: 1, column: column) }
    static func int(_ value: Int, _ column: Int) -> SpecNode { SpecNode(.int(value), at: at(column)) }
    static func text(_ value: String, _ column: Int) -> SpecNode { SpecNode(.string(value), at: at(column)) }
    static func list(_ items: [SpecNode], _ column: Int) -> SpecNode { SpecNode(.list(items), at: at(column)) }
    /// Keys as (text, column, value).
    static func map(_ pairs: [(String, Int, SpecNode)], _ column: Int) -> SpecNode {
        SpecNode(.mapping(pairs.map { (key: text($0.0, $0.1), value: $0.2) }), at: at(column))
    }
}

@Suite struct RowRuleTests {
    typealias N = HandNodes

    func read(_ node: SpecNode, noElements: String? = nil) -> (rule: RowRule?, problems: [String]) {
        let log = SpecLog(source: SourceText(path: "t.yaml", text: ""))
        let rule = RowRule.read(node, what: "The rule", path: "where", noElements: noElements, log: log)
        return (rule, log.diagnostics.map { "\($0.location!.line):\($0.location!.column): \($0.message)" })
    }

    /// `{elements: {min: 2, max: 3}, contains: [O, F], group: [cubic], target: {min: -1, max: 4}}`
    static let everything = N.map([
        ("elements", 2, N.map([("min", 13, N.int(2, 18)), ("max", 21, N.int(3, 26))], 12)),
        ("contains", 30, N.list([N.text("O", 41), N.text("F", 44)], 40)),
        ("group", 48, N.list([N.text("cubic", 56)], 55)),
        ("target", 64, N.map([("min", 73, N.int(-1, 78)), ("max", 82, N.int(4, 87))], 72)),
    ], 1)

    @Test func readsEveryCondition() {
        let (rule, problems) = read(Self.everything)
        #expect(problems.isEmpty)
        #expect(rule == RowRule(minElements: 2, maxElements: 3, containsAny: ["O", "F"], groups: ["cubic"], minTarget: -1, maxTarget: 4))
        #expect(rule?.location == N.at(1))
        #expect(rule?.locatedGroups == [Located("cubic", at: N.at(56))])
        #expect(rule?.summary == "at least 2 elements and at most 3 elements and contains any of F, O and group in cubic "
                + "and target ≥ -1.0 and target ≤ 4.0")
    }

    @Test func minAboveMaxIsRefusedWhereItIsWritten() {
        let rule = N.map([
            ("elements", 2, N.map([("min", 13, N.int(6, 18)), ("max", 21, N.int(2, 26))], 12)),
            ("target", 30, N.map([("min", 39, N.int(2, 44)), ("max", 47, N.int(1, 52))], 38)),
        ], 1)
        #expect(read(rule).problems == [
            "1:12: where.elements has min 6 above max 2, so no row could match.",
            "1:38: where.target has min 2.0 above max 1.0, so no row could match.",
        ])
    }

    @Test func unknownKeysGetADidYouMean() {
        let rule = N.map([("tagret", 2, N.map([("min", 11, N.int(1, 16))], 10))], 1)
        #expect(read(rule).problems == ["1:2: The rule has no setting 'tagret'. Did you mean 'target'?"])
        #expect(read(N.map([], 1)).problems == ["1:1: The rule is empty; give `elements`, `contains`, `group` or `target`."])
        #expect(read(N.map([("group", 2, N.list([], 9))], 1)).problems == ["1:9: where.group is an empty list; give at least one group."])
    }

    @Test func elementConditionsAreRefusedWhereRowsHaveNoElements() {
        let (rule, problems) = read(Self.everything, noElements: "this campaign does not see.")
        #expect(problems == [
            "1:2: where.elements looks at each row's elements, which this campaign does not see.",
            "1:30: where.contains looks at each row's elements, which this campaign does not see.",
        ])
        #expect(rule == RowRule(groups: ["cubic"], minTarget: -1, maxTarget: 4))
        #expect(read(N.map([], 1), noElements: "x").problems == ["1:1: The rule is empty; give `group` or `target`."])
    }

    @Test func matchesEveryConditionTogether() {
        let rule = RowRule(minElements: 2, maxElements: 3, containsAny: ["O", "F"], groups: ["cubic"], minTarget: -1, maxTarget: 4)
        #expect(rule.matches(elements: ["Na", "F"], target: 0, group: "cubic"))
        #expect(!rule.matches(elements: ["Na", "Cl"], target: 0, group: "cubic"), "no O or F")
        #expect(!rule.matches(elements: ["F"], target: 0, group: "cubic"), "one element")
        #expect(!rule.matches(elements: ["Li", "Na", "K", "O"], target: 0, group: "cubic"), "four elements")
        #expect(!rule.matches(elements: ["Na", "F"], target: 0, group: "hexagonal"))
        #expect(!rule.matches(elements: ["Na", "F"], target: 0, group: nil))
        #expect(!rule.matches(elements: ["Na", "F"], target: 4.5, group: "cubic"))
        #expect(!rule.matches(elements: ["Na", "F"], target: .nan, group: "cubic"), "a NaN target is in no range")
        #expect(!rule.matches(elements: nil, target: 0, group: "cubic"), "an element rule cannot match a row without elements")
        let byTarget = RowRule(minTarget: 1)
        #expect(byTarget.matches(elements: nil, target: 1, group: nil) && !byTarget.matches(elements: nil, target: 0.5, group: nil))
        #expect(RowRule().matches(elements: nil, target: 0, group: nil))
    }

    @Test func equalityIgnoresWhereARuleWasWritten() {
        var moved = RowRule(groups: ["cubic"], minTarget: 1, location: N.at(1))
        moved.groupLocations = [N.at(9)]
        #expect(moved == RowRule(groups: ["cubic"], minTarget: 1))
        #expect(moved != RowRule(groups: ["cubic"], minTarget: 2))
    }
}
