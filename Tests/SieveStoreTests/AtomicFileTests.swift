import Foundation
import Testing
@testable import SieveStore
import SieveTestSupport

@Suite struct AtomicFileTests {
    /// `sieve run --output o` trapped: NSString.deletingLastPathComponent (swift-corelibs-foundation)
    /// crashes on a one-character relative path, and AtomicFile walked up to one.
    @Test(arguments: [("o", ""), ("o/", ""), ("x/y", "x"), ("x/y/", "x"), ("x//y", "x"), ("/a", "/"), ("/", "/"),
                      ("a/b/c.json", "a/b"), ("", "")])
    func parentIsLexical(path: String, parent: String) {
        #expect(AtomicFile.parent(of: path) == parent, "parent of '\(path)'")
    }

    @Test(arguments: [("o", "o"), ("x/y/", "y"), ("/a/bc", "bc")])
    func lastComponentIgnoresTrailingSlashes(path: String, last: String) {
        #expect(AtomicFile.lastComponent(of: path) == last)
    }

    /// One-letter folders, nested or with a trailing slash, below a folder that exists.
    @Test func createsShortFoldersAndWritesIntoThem() throws {
        let base = TestFiles.temporaryFolder("sieve-atomic")
        defer { try? FileManager.default.removeItem(atPath: base) }
        for folder in ["o", "x/y", "p/", "q/r/s"] {
            try AtomicFile.createFolder(base + "/" + folder)
            try AtomicFile.write("t", to: base + "/" + folder + (folder.hasSuffix("/") ? "" : "/") + "f")
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: base + "/" + folder, isDirectory: &isFolder) && isFolder.boolValue)
        }
    }
}
