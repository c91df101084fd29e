import Foundation
import SieveCore

/// The spec reader's few needs of the file system.
enum FileSystem {
    /// The file's text, or a diagnostic saying why there is none: missing, a folder, a link that
    /// loops, or a pipe or device (whose reading could block or never end).
    static func readText(_ path: String) -> Result<String, Diagnostic> {
        func problem(_ message: String) -> Result<String, Diagnostic> { .failure(Diagnostic(at: nil, message)) }
        switch FileProbe.probe(path) {
        case .regularFile: break
        case .missing, .danglingLink: return problem("The spec file \(path) does not exist.")
        case .linkLoop: return problem("The spec path \(path) is a symbolic link that never reaches a file (the links form a loop).")
        case .folder: return problem("The spec path \(path) is a folder; give the spec's YAML file.")
        case .special: return problem("The spec path \(path) is not a regular file (a pipe, device or socket); give the spec's YAML file.")
        case let .unreadable(reason): return problem("The spec file \(path) cannot be read: \(reason).")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return problem("The spec file \(path) cannot be read (permission denied?).")
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    static func directory(of path: String) -> String { PathText.directory(of: path) }

    static func resolve(_ path: String, against folder: String) -> String { PathText.resolve(path, against: folder) }
}
