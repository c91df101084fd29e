import Foundation
import SieveCore
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

    public static func write(_ text: String, to path: String, durable: Bool = true) throws {
        try write(Array(text.utf8), to: path, durable: durable)
    }

    /// Writes `bytes` to `path` atomically; `durable` also fsyncs the file and its folder (for
    /// results; markers that only help a later process need not survive a power loss).
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws {
        let folder = parent(of: path)
        try createFolder(folder.isEmpty ? "." : folder)
        let temporary = "\(folder.isEmpty ? "." : folder)/.\(lastComponent(of: path))\(temporaryTag)\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return !durable || fsync(fd) == 0
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
        if durable { syncFolder(folder.isEmpty ? "." : folder) }
    }

    /// Marks this process's temporary files: `.name.tmp-<host>-<pid>-<random>`.
    static let temporaryTag = ".tmp-\(ProcessInfo.processInfo.hostName)-\(getpid())-"

    /// Removes temporary files left in `folder` by processes of this host that are gone (killed
    /// mid-write); those of live processes, and of other hosts, are left alone.
    public static func removeAbandonedTemporaries(in folder: String) {
        let host = ProcessInfo.processInfo.hostName
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") {
            guard let tag = name.range(of: ".tmp-\(host)-") else { continue }
            let rest = name[tag.upperBound...]
            guard let pid = Int32(rest.prefix { $0.isNumber }), pid != getpid(), kill(pid, 0) != 0 else { continue }
            unlink(PathText.join(folder, name))
        }
    }

    /// Creates `folder` and its parents if missing.
    public static func createFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw Failure.cannotWrite(path: folder, reason: "it is a file, and Sieve needs a folder there; remove it or choose "
                                      + "another output folder")
        }
        // The nearest existing ancestor that is a file, not a folder, is the real cause.
        var ancestor = parent(of: folder)
        while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
            ancestor = parent(of: ancestor)
        }
        if !ancestor.isEmpty, FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder), !isFolder.boolValue {
            throw Failure.cannotWrite(path: folder, reason: "\(ancestor) is a file, so no folder can be made inside it")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.cannotWrite(path: folder, reason: "the folder could not be created (\(String(cString: strerror(errno))))")
        }
    }

    /// The folder part of `path`, lexically: "" for a relative one-component path ("o", "o/"),
    /// "/" for a top-level one, trailing slashes ignored.
    ///
    /// Not `NSString.deletingLastPathComponent`: swift-corelibs-foundation traps on a
    /// one-character relative path such as "o" (`String._startOfLastPathComponent`), which made
    /// `sieve run --output o` crash.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var folder = trimmed[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last component of `path`, trailing slashes ignored.
    static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.lastIndex(of: "/").map { String(trimmed[trimmed.index(after: $0)...]) } ?? String(trimmed)
    }

    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
