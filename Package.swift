// swift-tools-version: 6.0
import PackageDescription

// The module graph follows the path of data: spec → resolve → plan → execute → store → report,
// each stage importing only the stages before it (see docs/architecture.md, "Layout"; scripts/check-layering.sh checks it).
let package = Package(
    name: "Sieve",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sieve", targets: ["sieve"]),
        // The readers of untrusted text, for the libFuzzer package in Fuzz/.
        .library(name: "SieveSpec", targets: ["SieveSpec"]),
        .library(name: "SieveData", targets: ["SieveData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // C libraries from Debian, each wrapped by exactly one Swift module.
        .systemLibrary(name: "CXGBoost", pkgConfig: "xgboost", providers: [.apt(["libxgboost-dev"])]),
        .target(name: "SieveXGBoost", dependencies: ["CXGBoost"]),
        .systemLibrary(name: "CSpglib", pkgConfig: "spglib", providers: [.apt(["libsymspg-dev"])]),
        .target(name: "SieveSpglib", dependencies: ["CSpglib"]),
        .systemLibrary(name: "CLapack", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .target(name: "SieveLAPACK", dependencies: ["CLapack"]),
        .systemLibrary(name: "CQhull", pkgConfig: "qhull_r", providers: [.apt(["libqhull-dev"])]),
        .target(name: "SieveQhull", dependencies: ["CQhull"]),

        // Foundations: numbers, hashing, randomness, diagnostics, the spec's syntax tree.
        .target(name: "SieveCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SieveData", dependencies: ["SieveCore", "SieveSpglib", "SieveQhull"],
                resources: [.copy("Resources/magpie.csv"), .copy("Resources/matminer_elements.csv"), .copy("Resources/magpie_ward2017.csv")]),
        .target(name: "SieveModels", dependencies: ["SieveCore", "SieveXGBoost", "SieveLAPACK"]),
        .target(name: "SieveReport", dependencies: ["SieveCore"]),
        // Campaign kinds (pruning, active learning, …): algorithm, state, spec section and tables.
        // Causal discovery (DirectLiNGAM, graph loss, Gaussian mixtures, interventions).
        .target(name: "SieveCausal", dependencies: ["SieveCore"]),
        .target(name: "SieveSelection", dependencies: ["SieveCore", "SieveModels", "SieveReport", "SieveCausal"]),

        // The path of data.
        .target(name: "SieveSpec", dependencies: ["SieveCore", "Yams"]),
        .target(name: "SieveResolve", dependencies: ["SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveSpec"]),
        .target(name: "SievePlan", dependencies: ["SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveResolve"]),
        .target(name: "SieveExecute", dependencies: ["SieveCore", "SieveModels", "SieveSelection", "SieveResolve", "SievePlan"]),
        .target(name: "SieveStore", dependencies: ["SieveCore", "SieveSelection", "SievePlan", "SieveExecute"]),
        .target(
            name: "SieveEngine",
            dependencies: ["SieveCore", "SieveData", "SieveXGBoost", "SieveReport", "SieveSelection", "SieveResolve", "SievePlan",
                           "SieveExecute", "SieveStore"]
        ),
        .target(
            name: "SieveCLI",
            dependencies: [
                "SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveResolve", "SievePlan", "SieveExecute", "SieveStore",
                "SieveEngine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sieve", dependencies: ["SieveCLI"]),
        .executableTarget(
            name: "sieve-bench",
            dependencies: [
                "SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveResolve", "SieveEngine", "SieveCausal", "SieveLAPACK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/sieve-bench"
        ),

        // `sieve` with one more acquisition strategy, defined outside Sieve's sources: the
        // end-to-end tests show a new strategy is one folder and one registration line.
        .executableTarget(name: "sieve-fake-strategy", dependencies: ["SieveCore", "SieveCLI", "SieveSelection"],
                          path: "Tests/FakeStrategy"),

        // Helpers the test targets share (issue 24): SieveTestSupport imports no Sieve module, so the
        // end-to-end tests, which run the built binary and link no Sieve module, can use it;
        // SieveResolveTestSupport resolves specs, for the tests of the stages from Resolve on.
        .target(name: "SieveTestSupport", path: "Tests/SieveTestSupport"),
        .target(name: "SieveResolveTestSupport", dependencies: ["SieveCore", "SieveResolve", "SieveTestSupport"],
                path: "Tests/SieveResolveTestSupport"),

        // One test target per module; a stage's target tests that stage (docs/architecture.md, "Tests").
        .testTarget(name: "SieveCoreTests", dependencies: ["SieveCore"]),
        .testTarget(name: "SieveDataTests", dependencies: ["SieveCore", "SieveData", "SieveTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveXGBoostTests", dependencies: ["SieveXGBoost"]),
        .testTarget(name: "SieveSpglibTests", dependencies: ["SieveSpglib"]),
        .testTarget(name: "SieveVoronoiTests", dependencies: ["SieveCore", "SieveData", "SieveTestSupport"]),
        .testTarget(name: "SieveQhullTests", dependencies: ["SieveQhull"]),
        .testTarget(name: "SieveLAPACKTests", dependencies: ["SieveLAPACK"]),
        .testTarget(name: "SieveModelsTests", dependencies: ["SieveCore", "SieveModels", "SieveData", "SieveXGBoost", "SieveTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveSelectionTests", dependencies: ["SieveCore", "SieveModels", "SieveSelection"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveCausalTests", dependencies: ["SieveCore", "SieveCausal", "SieveTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveSpecTests", dependencies: ["SieveCore", "SieveSpec", "SieveTestSupport"]),
        .testTarget(name: "SieveResolveTests",
                    dependencies: ["SieveCore", "SieveModels", "SieveSelection", "SieveResolve", "SieveResolveTestSupport", "SieveTestSupport"]),
        .testTarget(name: "SievePlanTests",
                    dependencies: ["SieveCore", "SieveData", "SieveModels", "SieveResolve", "SievePlan", "SieveResolveTestSupport",
                                   "SieveTestSupport"]),
        .testTarget(name: "SieveExecuteTests",
                    dependencies: ["SieveCore", "SieveSelection", "SieveResolve", "SievePlan", "SieveExecute", "SieveResolveTestSupport",
                                   "SieveTestSupport"]),
        .testTarget(name: "SieveStoreTests",
                    dependencies: ["SieveCore", "SieveResolve", "SievePlan", "SieveStore", "SieveResolveTestSupport", "SieveTestSupport"]),
        .testTarget(
            name: "SieveEngineTests",
            dependencies: ["SieveCore", "SieveModels", "SieveSelection", "SieveResolve", "SievePlan", "SieveExecute", "SieveStore",
                           "SieveEngine", "SieveResolveTestSupport", "SieveTestSupport"]
        ),
        .testTarget(name: "SieveReportTests", dependencies: ["SieveCore", "SieveReport"]),
        .testTarget(name: "SieveCLITests", dependencies: ["SieveCLI", "SieveResolve", "SieveTestSupport",
                                                            .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Runs the built binary: no Sieve module but the dependency-free test support.
        .testTarget(name: "SieveEndToEndTests", dependencies: ["SieveTestSupport"]),
    ]
)
