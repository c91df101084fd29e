import Foundation
import SieveCore

/// The spec reader's few needs of the file system.
enum FileSystem {
    static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func directory(of path: String) -> String { PathText.directory(of: path) }

    static func resolve(_ path: String, against folder: String) -> String { PathText.resolve(path, against: folder) }
}
