import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old content or the whole new content, never a
/// part: write to a temporary file in the same folder, fsync it, rename it over the target, and
/// fsync the folder so the rename survives a power loss.
public enum AtomicFile {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case let .cannotWrite(path, reason): return "Could not write \(path): \(reason)."
            }
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try createFolder(folder.isEmpty ? "." : folder)
        let temporary = "\(folder.isEmpty ? "." : folder)/.\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return fsync(fd) == 0
        }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Failure.cannotWrite(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let renameReason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure.cannotWrite(path: path, reason: renameReason)
        }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    /// Creates `folder` and its parents if missing.
    public static func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.cannotWrite(path: folder, reason: "the folder could not be created (\(error.localizedDescription))")
        }
    }

    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
