import Foundation
import Testing
@testable import SieveCLI
import SieveResolve

/// `sieve describe` and docs/reference.md: the reference is generated from the tables the reader
/// uses, so it cannot drift; these tests make a stale file or an undocumented setting fail.
@Suite struct DescribeTests {
    @Test func docsReferenceIsWhatDescribePrints() throws {
        let file = try String(contentsOfFile: CLITests.root + "/docs/reference.md", encoding: .utf8)
        #expect(file == SpecReference.markdown(),
                "docs/reference.md differs from what `sieve describe` prints: run `make reference` and commit it.")
    }

    @Test func everyKeyParameterAndSettingHasAMeaning() {
        for part in SpecReference.parts {
            #expect(!part.summary.isEmpty, "\(part.name) has no summary")
            for row in part.rows {
                #expect(row.allSatisfy { !$0.isEmpty }, "\(part.name): \(row) has an empty cell")
            }
        }
    }

    @Test func theReferenceCoversEveryModelKindCampaignKindAndStrategy() {
        let names = Set(SpecReference.names)
        for kind in ModelCatalog.kindNames { #expect(names.contains(kind)) }
        for part in ["dataset", "splits.cv", "pruning", "active_learning", "etal", "causal", "qbc", "xgb_uncertainty"] {
            #expect(names.contains(part), "no part \(part)")
        }
        let xgboost = SpecReference.parts.first { $0.name == "xgboost" }!
        let rounds = xgboost.rows.first { $0[0] == "`rounds`" }!
        #expect(rounds == ["`rounds`", "1–100,000", "100", "boosting rounds; each adds num_parallel_tree trees"])
        let stopping = xgboost.rows.first { $0[0] == "`early_stopping`" }!
        #expect(stopping[2] == "off")
    }

    @Test func describePrintsNamedPartsAndSuggestsForAMisspeltOne() {
        let one = SpecReference.markdown(only: ["gradient_boosting"])
        #expect(one.hasPrefix("### `kind: gradient_boosting` (model)"))
        #expect(one.contains("| `max_depth` | 1–16 | 6 |"), "the native limits, not XGBoost's")
        #expect(!one.contains("tree_method"))
        #expect(CLITests().exitCode(["describe", "xgboost", "etal"]) == 0)
        #expect(CLITests().exitCode(["describe", "xgbost"]) == 64)
    }
}
