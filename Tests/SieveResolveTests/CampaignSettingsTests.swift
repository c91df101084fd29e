import Testing
import SieveCore
import SieveModels
import SieveResolve
import SieveResolveTestSupport
import SieveSelection
import SieveTestSupport

/// Every campaign kind and acquisition strategy declares its settings once (``CampaignSetting``);
/// this checks, over every registered one, that the declaration reaches what derives from it, as
/// scikit-learn's `check_estimator` does for every estimator. The end-to-end half (`--jobs`,
/// kill -9 and resume) is `CampaignConformanceTests` in SieveEndToEndTests.
@Suite struct CampaignSettingsTests {
    static let head = """
        name: c
        dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}, group: formula}
        models:
          rf: {kind: random_forest, trees: 5}
          xgb: {kind: xgboost, rounds: 5}
        train_sizes: [0.5]
        seeds: 1

        """

    /// A small section of each registered kind, its key and its settings' values written out
    /// where the kind has no default. A kind registered without a section here fails the test.
    static let sections: [String: String] = [
        "pruning": "selection: {prune: [{guide: rf, transfer: xgb}]}",
        "active_learning": "active_learning: {strategies: [random], evaluate: [rf], initial: 10, batch: 5, stop: 40, seeds: [0]}",
        "etal": "etal: {unlabelled: {rows: 0.8}, evaluate: [rf], iterations: 8, seeds: [0]}",
        "causal": "causal: {variables: [a, b], subsets: {gmm: 2, on: [a, b]}, evaluate: rf, seeds: [0], interventions: {desired: 1}}",
    ]

    /// The section of one kind with its settings block written under `key` (for misspellings).
    static func campaigns(_ section: String) throws -> [any Campaign] {
        try TestSpec.resolved(head + section).campaigns
    }

    /// A setting missing from the fingerprint would leave a finished campaign looking up to date
    /// when it is stale: changing any declared setting must change the fingerprint (or, for the
    /// seeds, the identity key).
    @Test func everyDeclaredSettingChangesTheFingerprint() throws {
        for kind in CampaignKinds.all {
            let section = try #require(Self.sections[kind.kind], "\(kind.kind) has no section in CampaignSettingsTests.sections")
            let campaigns = try Self.campaigns(section).filter { type(of: $0).kind == kind.kind }
            #expect(!campaigns.isEmpty, "\(kind.kind): the section resolves to campaigns")
            for campaign in campaigns { check(campaign) }
        }
    }

    private func check<C: Campaign>(_ campaign: C) {
        #expect(!C.settings.isEmpty, "\(C.kind) declares its settings")
        #expect(Set(C.settings.map(\.name)).count == C.settings.count, "\(C.kind): each setting once")
        for setting in C.settings {
            guard let varied = setting.varying(campaign) else {
                Issue.record("\(C.kind).\(setting.name) cannot be varied")
                continue
            }
            if setting.identity {
                #expect(varied.identityKey != campaign.identityKey, "\(C.kind).\(setting.name) does not reach the identity key")
            } else {
                #expect(varied.fingerprint != campaign.fingerprint, "\(C.kind).\(setting.name) does not reach the fingerprint")
            }
        }
        #expect(!campaign.resolvedSettings.isEmpty, "\(C.kind): the manifest lists its settings")
    }

    /// The same for every registered acquisition strategy: its settings reach its fingerprint, so
    /// the campaign's.
    @Test func everyStrategySettingChangesTheFingerprint() throws {
        for strategy in AcquisitionStrategies.all {
            let campaigns = try Self.campaigns("active_learning: {strategies: [\(strategy.name)], evaluate: [rf, xgb], seeds: [0]}")
            let campaign = try #require(campaigns.first as? ActiveLearningCampaign, "\(strategy.name) resolves")
            check(campaign.acquisition, in: campaign)
        }
    }

    private func check<S: AcquisitionStrategy>(_ strategy: S, in campaign: ActiveLearningCampaign) {
        for setting in S.settings {
            guard let varied = setting.varying(strategy) else {
                Issue.record("\(S.name).\(setting.name) cannot be varied")
                continue
            }
            var other = campaign
            other.acquisition = varied
            #expect(other.fingerprint != campaign.fingerprint, "\(S.name).\(setting.name) does not reach the fingerprint")
        }
    }

    /// A misspelt key of any kind's section, or of any strategy's block, is named with the
    /// setting it was probably meant to be.
    @Test func aMisspeltSettingGetsASuggestion() throws {
        func misspelt(_ key: String) -> String { key + "x" }
        for kind in CampaignKinds.all {
            for key in kind.settingKeys {
                // The key goes first into the kind's mapping (a pruning campaign is an item of a list).
                var text = try #require(Self.sections[kind.kind])
                let at = text.range(of: "[{") ?? text.range(of: "{")!
                text.insert(contentsOf: "\(misspelt(key)): 1, ", at: at.upperBound)
                let error = #expect(throws: (any Error).self) { try Self.campaigns(text) }
                #expect(error.map { "\($0)".lowercased() }?.contains("did you mean '\(key)'?") == true,
                        "\(kind.kind).\(misspelt(key)): \(error.map { "\($0)" } ?? "")")
            }
        }
        for strategy in AcquisitionStrategies.all {
            for key in strategy.settingKeys {
                let text = "active_learning: {strategies: [\(strategy.name)], evaluate: [rf, xgb], \(strategy.name): {\(misspelt(key)): 1}}"
                let error = #expect(throws: (any Error).self) { try Self.campaigns(text) }
                #expect(error.map { "\($0)".lowercased() }?.contains("did you mean '\(key)'?") == true,
                        "\(strategy.name).\(misspelt(key)): \(error.map { "\($0)" } ?? "")")
            }
        }
    }

    /// docs/campaigns.md shows every setting of every kind and strategy in its YAML examples.
    @Test func everySettingIsDocumented() throws {
        let docs = try String(contentsOfFile: Repository.root + "/docs/campaigns.md", encoding: .utf8)
        for kind in CampaignKinds.all {
            for key in kind.settingKeys {
                #expect(docs.contains("\(key):"), "docs/campaigns.md does not show \(kind.kind).\(key)")
            }
        }
        for strategy in AcquisitionStrategies.all {
            for key in strategy.settingKeys {
                #expect(docs.contains("\(key):"), "docs/campaigns.md does not show \(strategy.name).\(key)")
            }
        }
    }

    /// The fingerprints of the sections above, as they were before the settings tables: records
    /// already stored keep their ids only while these texts stay byte-identical.
    @Test func fingerprintsAreThoseOfBeforeTheTables() throws {
        func fingerprints(_ kind: String) throws -> [String] {
            try Self.campaigns(Self.sections[kind]!).filter { type(of: $0).kind == kind }.map(\.fingerprint)
        }
        let models = try TestSpec.resolved(Self.head).models
        let rf = CampaignResolution.fingerprint(models.first { $0.name == "rf" }!)
        let xgb = CampaignResolution.fingerprint(models.first { $0.name == "xgb" }!)
        #expect(try fingerprints("pruning") == ["guide{\(rf)}|transfer{\(xgb)}|threshold=0.5|holdout=0.2|min_drop=0.01|min_remaining=300"])
        #expect(try fingerprints("active_learning") == ["initial=10|batch=5|stop=40|evaluate{\(rf)}|strategy=random"])
        #expect(try fingerprints("etal") == ["unlabelled=0.8|first=|representation=pca32|draws=1000|patience=5|iterations=8"
                                             + "|undefined=fill first|repetitions=30|evaluate{\(rf)}"])
        #expect(try fingerprints("causal") == [
            "role=global|variables=a,b|subsets=gmm2(a,b)/0|iterations=40|batch=20|bootstrap=100|desired=1.0|top-interventions=3|evaluate{-}",
            "role=causal|variables=a,b|subsets=gmm2(a,b)/0|iterations=40|batch=20|bootstrap=100|desired=1.0|top-interventions=3|evaluate{\(rf)}",
            "role=random|variables=a,b|subsets=gmm2(a,b)/0|iterations=40|batch=20|bootstrap=100|desired=1.0|top-interventions=3|evaluate{\(rf)}",
        ])
        let strategies = try Self.campaigns("active_learning: {strategies: [qbc, rf_uncertainty, xgb_uncertainty], evaluate: [rf, xgb], seeds: [0], "
                                            + "xgb_uncertainty: {booster: native}}")
            .compactMap { ($0 as? ActiveLearningCampaign)?.acquisition.fingerprint }
        #expect(strategies == ["qbc{members=\(rf);\(xgb)|bootstrap=0}", "rf_uncertainty{forest=\(rf)}",
                               "xgb_uncertainty{rounds=1000|learning_rate=0.25|lambda=0.01|max_depth=6|k=100|booster=native}"])
    }
}
