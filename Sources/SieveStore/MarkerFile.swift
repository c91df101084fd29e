import Foundation
import SieveCore
#if canImport(Glibc)
import Glibc
#endif

/// Marker files that say which process works on a run or campaign, created exclusively.
enum MarkerFile {
    /// Creates the marker at `path` if none exists; takes over one whose process (of this host)
    /// is gone. nil when the claim is ours, otherwise the holder's marker.
    static func claim(_ path: String, folder: String) -> RunStore.Marker? {
        try? AtomicFile.createFolder(folder)
        let marker = RunStore.Marker(pid: getpid(), host: ProcessInfo.processInfo.hostName, started: Date().formatted(.iso8601))
        let bytes = [UInt8]((try? JSONEncoder().encode(marker)) ?? Data())
        for _ in 0..<2 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                close(fd)
                return nil
            }
            guard errno == EEXIST else { return nil }
            // Someone holds it; a holder of this host that is gone leaves its claim to us.
            guard let holder = read(path) else { return RunStore.Marker(pid: 0, host: "unknown", started: "") }
            if holder.host == marker.host && holder.pid != marker.pid && kill(holder.pid, 0) != 0 {
                unlink(path)
                continue
            }
            return holder.pid == marker.pid && holder.host == marker.host ? nil : holder
        }
        return read(path)
    }

    static func read(_ path: String) -> RunStore.Marker? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(RunStore.Marker.self, from: data)
    }
}
