#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a data path, told apart finely enough to name the real problem: a folder, a link
/// that loops or leads nowhere, or a pipe or device (which would block or never end) are not
/// "does not exist". The spec reader and the data reader both ask it.
public enum FileProbe {
    public enum Finding: Equatable, Sendable {
        case regularFile
        case missing
        case folder
        case linkLoop
        case danglingLink(target: String)
        /// A pipe, device or socket, named for the message.
        case special(String)
        case unreadable(String)
    }

    public static func probe(_ path: String) -> Finding {
        var info = stat()
        guard stat(path, &info) != 0 else {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return access(path, R_OK) == 0 ? .regularFile : .unreadable("permission denied")
            case S_IFDIR: return .folder
            case S_IFIFO: return .special("a named pipe")
            case S_IFSOCK: return .special("a socket")
            case S_IFCHR, S_IFBLK: return .special("a device")
            default: return .special("not a regular file")
            }
        }
        let error = errno
        switch error {
        case ELOOP:
            return .linkLoop
        case ENOENT:
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { return .danglingLink(target: linkTarget(path)) }
            return .missing
        case ENOTDIR:
            return .unreadable("a part of the path before the file name is a file, not a folder")
        case EACCES:
            return .unreadable("permission denied on a folder along the path")
        default:
            return .unreadable(String(cString: strerror(error)))
        }
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
