import Foundation
import Testing

/// The end-to-end tests refuse a `sieve` binary built before a source changed
/// (``BinaryTests/checkedBinary(_:product:)``), checked on a stand-in binary whose modification time,
/// and its build folder's, are set on either side of the newest source's: the guard reads dates,
/// not content, so nothing here races a build or the clock.
@Suite struct StaleBinaryGuardTests {
    /// The newest source file of all targets.
    static func newestSource() throws -> (target: String, path: String, date: Date) {
        try #require(BinaryTests.newestSources.max { $0.date < $1.date }, "no Swift or C file found under Sources/")
    }

    /// An executable stand-in for the binary, in a build folder of its own.
    static func standIn(modified date: Date) throws -> String {
        let path = BinaryTests.folder() + "/sieve"
        try "#!/bin/sh\nexit 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755, .modificationDate: date], ofItemAtPath: path)
        return path
    }

    @Test func aBinaryOlderThanASourceFileIsRefusedWithHowToBuildIt() throws {
        let source = try Self.newestSource()
        #expect(source.path.hasPrefix(BinaryTests.root + "/Sources/"))
        let stale = try Self.standIn(modified: source.date.addingTimeInterval(-60))
        let error = #expect(throws: BinaryTests.BinaryStale.self) { try BinaryTests.checkedBinary(stale) }
        let relative = source.path.replacingOccurrences(of: BinaryTests.root + "/", with: "")
        #expect(error?.description.hasPrefix("The sieve binary at \(stale) is older than \(relative); build it with "
                                             + "`swift build -c release --product sieve` first") == true,
                "\(String(describing: error))")
    }

    @Test func aBinaryBuiltAfterTheSourcesIsAccepted() throws {
        let fresh = try Self.standIn(modified: Self.newestSource().date.addingTimeInterval(60))
        #expect(try BinaryTests.checkedBinary(fresh) == fresh)
    }

    /// A touched source whose object comes out identical is recompiled but not relinked: its
    /// target's dependency file is newer than the source, the binary is not, and it is current.
    @Test func aSourceCompiledAfterItChangedCountsAsBuiltWithoutARelink() throws {
        let newest = BinaryTests.newestSources.sorted { $0.date > $1.date }
        let old = newest.last!.date.addingTimeInterval(-60)
        let binary = try Self.standIn(modified: old)
        let buildFolder = (binary as NSString).deletingLastPathComponent
        for source in newest {
            let dependencies = buildFolder + "/\(source.target).build/\(source.target).d"
            try FileManager.default.createDirectory(atPath: buildFolder + "/\(source.target).build", withIntermediateDirectories: true)
            try "".write(toFile: dependencies, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: source.date.addingTimeInterval(60)], ofItemAtPath: dependencies)
        }
        #expect(try BinaryTests.checkedBinary(binary) == binary)
        // One target compiled before its newest source changed makes the binary stale again.
        let first = newest[0]
        try FileManager.default.setAttributes([.modificationDate: first.date.addingTimeInterval(-30)],
                                              ofItemAtPath: buildFolder + "/\(first.target).build/\(first.target).d")
        #expect(throws: BinaryTests.BinaryStale.self) { try BinaryTests.checkedBinary(binary) }
    }

    @Test func aMissingBinaryIsRefused() {
        #expect(throws: BinaryTests.BinaryMissing.self) { try BinaryTests.checkedBinary("/nonexistent/sieve") }
    }
}
