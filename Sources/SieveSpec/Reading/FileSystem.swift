import Foundation
import SieveCore
#if canImport(Glibc)
import Glibc
#endif

/// The spec reader's few needs of the file system.
enum FileSystem {
    /// The file's text, or a diagnostic saying why there is none: missing, a folder, a link that
    /// loops, or a pipe or device (whose reading could block or never end).
    static func readText(_ path: String) -> Result<String, Diagnostic> {
        func problem(_ message: String) -> Result<String, Diagnostic> { .failure(Diagnostic(at: nil, message)) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = errno
            if error == ELOOP { return problem("The spec path \(path) is a symbolic link that never reaches a file (the links form a loop).") }
            if error == ENOENT { return problem("The spec file \(path) does not exist.") }
            return problem("The spec file \(path) cannot be read: \(String(cString: strerror(error))).")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return problem("The spec path \(path) is a folder; give the spec's YAML file.")
        default: return problem("The spec path \(path) is not a regular file (a pipe, device or socket); give the spec's YAML file.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return problem("The spec file \(path) cannot be read (permission denied?).")
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    static func directory(of path: String) -> String { PathText.directory(of: path) }

    static func resolve(_ path: String, against folder: String) -> String { PathText.resolve(path, against: folder) }
}
