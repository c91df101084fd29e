// swift-tools-version: 6.0
import PackageDescription

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
    ],
    targets: [
        .systemLibrary(
            name: "CXGBoost",
            pkgConfig: "xgboost",
            providers: [.apt(["libxgboost-dev"])]
        ),
        .target(name: "SieveCore"),
        .target(
            name: "SieveData",
            dependencies: ["SieveCore"],
            resources: [.copy("Resources/magpie.csv")]
        ),
        .target(name: "SieveXGBoost", dependencies: ["CXGBoost"]),
        .target(name: "SieveModels", dependencies: ["SieveCore", "SieveXGBoost"]),
        .target(name: "SieveSelection", dependencies: ["SieveCore", "SieveModels"]),
        .target(name: "SieveSpec", dependencies: ["SieveCore", "Yams"]),
        .target(
            name: "SieveEngine",
            dependencies: ["SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveSpec", "SieveReport"]
        ),
        .target(name: "SieveReport", dependencies: ["SieveCore"]),
        .target(
            name: "SieveCLI",
            dependencies: [
                "SieveEngine", "SieveModels", "SieveReport", "SieveSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sieve", dependencies: ["SieveCLI"]),
        .executableTarget(
            name: "sieve-bench",
            dependencies: [
                "SieveCore", "SieveData", "SieveModels", "SieveSelection", "SieveEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/sieve-bench"
        ),

        .testTarget(name: "SieveCoreTests", dependencies: ["SieveCore"]),
        .testTarget(name: "SieveDataTests", dependencies: ["SieveData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveXGBoostTests", dependencies: ["SieveXGBoost"]),
        .testTarget(name: "SieveModelsTests", dependencies: ["SieveModels", "SieveData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SieveSelectionTests", dependencies: ["SieveSelection"]),
        .testTarget(name: "SieveSpecTests", dependencies: ["SieveSpec"]),
        .testTarget(name: "SieveEngineTests", dependencies: ["SieveEngine"]),
        .testTarget(name: "SieveReportTests", dependencies: ["SieveReport"]),
        .testTarget(name: "SieveCLITests", dependencies: ["SieveCLI"]),
        .testTarget(name: "SieveEndToEndTests"),
    ]
)
