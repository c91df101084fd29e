import Foundation
import SieveCore
import SieveData
import SievePlan
import SieveResolve

/// `manifest.json`: what was run, on which data, by which Sieve, when and how.
struct Manifest: Codable {
    struct Software: Codable { var sieve: String; var commit: String; var xgboost: String }
    struct Model: Codable { var name: String; var kind: String; var parameters: [String: String] }
    struct Split: Codable { var name: String; var rows: Int; var rule: String }
    struct Runs: Codable { var planned: Int; var done: Int; var failed: Int; var ranNow: Int; var reused: Int }
    struct Machine: Codable { var cores: Int; var jobs: Int?; var threadsPerRun: Int? }
    /// A cross-validation fold: its name and its rows.
    struct Fold: Codable { var number: Int; var name: String; var trainRows: Int; var testRows: Int }
    struct CrossValidation: Codable { var rule: String; var folds: [Fold] }
    /// A campaign with every setting as resolved (defaults included), from its kind's settings
    /// table: the same text its fingerprint hashes.
    struct Campaign: Codable { var id: String; var kind: String; var label: String; var settings: [String: String] }

    var name: String
    var spec: String
    var description: String?
    var software: Software
    var dataset: [String: String]
    var datasets: [DatasetProvenance]
    var poolRows: Int
    var splits: [Split]
    var models: [Model]
    var trainSizes: [String]
    var seeds: [Int]
    var output: String
    var runs: Runs
    var machine: Machine
    var started: String
    var finished: String
    /// When `sieve report` last rewrote the outputs; `started`, `finished`, `machine` and
    /// `runs.ranNow` stay those of the `sieve run` that made the records.
    var reported: String?
    /// The folds, under cross-validation (`poolRows` and the first split are then the first fold's).
    var crossValidation: CrossValidation? = nil
    /// Every planned campaign with its resolved settings (absent from manifests written before).
    var campaigns: [Campaign]? = nil

    static func ruleDescription(_ ood: ResolvedOOD) -> String {
        switch ood.source {
        case let .dataset(options, dropOverlap, _):
            return "rows of \(options.path)" + (dropOverlap ? " whose reduced formula is not in the main dataset" : "")
        case let .filter(rule):
            return "main-dataset rows with " + rule.summary
        }
    }

    static func encode(_ manifest: Manifest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
    }

    /// The manifest in `path`, or nil when there is none or it is not one this Sieve can read.
    static func read(_ path: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
