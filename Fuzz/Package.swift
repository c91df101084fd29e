// swift-tools-version: 6.0
// libFuzzer targets for Sieve's readers of untrusted text: the spec reader, the CSV reader and
// the formula parser. A package of its own so that `swift build` of Sieve never sees them: they
// link only with `-sanitize=fuzzer`, which supplies `main`. Build and run them with
// `scripts/fuzz.sh` (or `make fuzz`), which uses the scratch path `.build-fuzz`.
import PackageDescription

let package = Package(
    name: "SieveFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Sieve", path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "fuzz-spec", dependencies: ["CFuzzDriver", .product(name: "SieveSpec", package: "Sieve")]),
        .executableTarget(name: "fuzz-csv", dependencies: ["CFuzzDriver", .product(name: "SieveData", package: "Sieve")]),
        .executableTarget(name: "fuzz-formula", dependencies: ["CFuzzDriver", .product(name: "SieveData", package: "Sieve")]),
    ]
)
