import Foundation
import SieveCore
#if canImport(Glibc)
import Glibc
#endif

/// `F_OFD_GETLK` and `F_OFD_SETLK` (Linux ≥ 3.15; glibc hides them behind _GNU_SOURCE).
private let ofdGetLock: Int32 = 36
private let ofdSetLock: Int32 = 37

/// Who holds a run or campaign: the content of its `<id>.started` marker.
public struct ClaimMarker: Codable, Sendable, Equatable {
    public var pid: Int32
    public var host: String
    public var started: String

    public init(pid: Int32, host: String, started: String) { self.pid = pid; self.host = host; self.started = started }

    static func ofThisProcess() -> ClaimMarker {
        ClaimMarker(pid: getpid(), host: ProcessInfo.processInfo.hostName, started: Date().formatted(.iso8601))
    }
}

/// What a look at a marker found, without taking it.
public struct ClaimHolder: Sendable, Equatable {
    /// The marker's content; nil when it is empty or unreadable (a holder killed mid-write).
    public let marker: ClaimMarker?
    /// Seconds since the holder last refreshed its lease (the marker's modification time).
    public let age: Double
    /// Why the claim is stale and the next `sieve run` takes it over; nil while it is held.
    public let staleBecause: String?

    public var isHeld: Bool { staleBecause == nil }

    /// "process 12 on node-3, claimed 2026-…, lease refreshed 14 s ago".
    public var description: String {
        let who = marker.map { "process \($0.pid) on \($0.host), claimed \($0.started)" } ?? "an unreadable marker"
        return who + ", lease refreshed \(Int(age.rounded())) s ago" + (staleBecause.map { " (stale: \($0))" } ?? "")
    }
}

/// The marker files behind claims, on a local or shared file system.
///
/// A claim is a marker written whole under a temporary name, locked with an open-file-description
/// lock (`F_OFD_SETLK`, released by the kernel when its holder dies, however it dies), and then
/// hard-linked into place (`link` fails if the name exists: atomic on local file systems and on NFS).
/// So a marker is never seen empty, and a local holder that died is known at once: its lock is gone.
/// A host cannot always see another host's locks (NFS without lockd, Lustre's `localflock` or
/// `noflock`), so every holder also refreshes its marker's modification time while it works: a
/// marker of another host that is not refreshed for `lease` seconds is stale. Taking over a stale
/// marker locks it first and checks it is still the file at that name, so two processes that
/// both see it stale never both take it.
enum ClaimFile {
    enum Outcome {
        /// Ours; the descriptor keeps the lock until ``release(path:descriptor:)``.
        case claimed(descriptor: Int32)
        /// Held by a live holder (or, on a file system that cannot be written, unclaimable).
        case held(ClaimHolder)
    }

    /// Claims `path`, creating `folder` if needed; takes over a stale marker.
    static func claim(_ path: String, folder: String, lease: Double) -> Outcome {
        try? AtomicFile.createFolder(folder)
        let mine = ClaimMarker.ofThisProcess()
        for _ in 0..<8 {
            if let fd = create(path, folder: folder, marker: mine) { return .claimed(descriptor: fd) }
            switch takeOver(path, marker: mine, lease: lease) {
            case let .taken(fd): return .claimed(descriptor: fd)
            case let .held(holder): return .held(holder)
            case .gone: continue
            }
        }
        return .held(inspect(path, lease: lease) ?? ClaimHolder(marker: nil, age: 0, staleBecause: nil))
    }

    /// Removes the marker while still holding its lock, then lets the lock go: a process waiting
    /// to take the marker over then finds the name gone (or someone else's new marker) and starts again.
    static func release(path: String, descriptor: Int32) {
        FaultInjection.reach(.beforeRelease)
        unlink(path)
        close(descriptor)
    }

    /// Who holds `path`, looked at without taking it (`F_OFD_GETLK`); nil when there is no marker.
    static func inspect(_ path: String, lease: Double) -> ClaimHolder? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var probe = lockRequest(F_WRLCK)
        let lockState: LockState
        if fcntl(fd, ofdGetLock, &probe) == 0 {
            lockState = probe.l_type == Int16(F_UNLCK) ? .free : .held
        } else {
            lockState = .unsupported
        }
        return judge(fd, lockState: lockState, lease: lease)
    }

    /// The ids whose markers (`<id>.started`) are in `folder`, sorted.
    static func markedIDs(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".started") && !$0.hasPrefix(".") }.map { String($0.dropLast(".started".count)) }.sorted()
    }

    // MARK: Creating

    /// Writes `marker` to a temporary file, locks it and links it to `path`; nil when `path` exists.
    private static func create(_ path: String, folder: String, marker: ClaimMarker) -> Int32? {
        let temporary = PathText.join(folder, ".\(PathText.fileName(of: path))\(AtomicFile.temporaryTag)\(UInt64.random(in: 0...UInt64.max))")
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return createInPlace(path, marker: marker) }
        FaultInjection.reach(.markerCreated)
        var lock = lockRequest(F_WRLCK)
        _ = fcntl(fd, ofdSetLock, &lock)
        write(marker, to: fd)
        let linked = link(temporary, path) == 0
        let linkError = errno
        unlink(temporary)
        if linked {
            FaultInjection.reach(.markerWritten)
            return fd
        }
        close(fd)
        // A file system without hard links: fall back to an exclusive create.
        return linkError == EEXIST ? nil : createInPlace(path, marker: marker)
    }

    private static func createInPlace(_ path: String, marker: ClaimMarker) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        var lock = lockRequest(F_WRLCK)
        _ = fcntl(fd, ofdSetLock, &lock)
        write(marker, to: fd)
        FaultInjection.reach(.markerWritten)
        return fd
    }

    // MARK: Taking over

    private enum TakeOver { case taken(Int32), held(ClaimHolder), gone }

    private static func takeOver(_ path: String, marker: ClaimMarker, lease: Double) -> TakeOver {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            // Gone since (the holder finished), or not ours to write: look again, or report who holds it.
            if errno == ENOENT { return .gone }
            return .held(inspect(path, lease: lease) ?? ClaimHolder(marker: nil, age: 0, staleBecause: nil))
        }
        var lock = lockRequest(F_WRLCK)
        let lockState: LockState
        if fcntl(fd, ofdSetLock, &lock) == 0 {
            lockState = .free
        } else {
            lockState = (errno == EAGAIN || errno == EACCES) ? .held : .unsupported
        }
        // Locked, but is it still the file at that name? Its holder may have removed it and
        // another process made a new one since we opened it.
        var opened = stat(), named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev else {
            close(fd)
            return .gone
        }
        let holder = judge(fd, lockState: lockState, lease: lease)
        guard !holder.isHeld else {
            close(fd)
            return .held(holder)
        }
        ftruncate(fd, 0)
        write(marker, to: fd)
        FaultInjection.reach(.markerWritten)
        return .taken(fd)
    }

    // MARK: Judging

    private enum LockState { case free, held, unsupported }

    /// Whether the marker open at `fd` is held: its lock is held; or it is another host's and its
    /// lease is fresh; or (where locks do not work) it is this host's and its process is alive.
    private static func judge(_ fd: Int32, lockState: LockState, lease: Double) -> ClaimHolder {
        var info = stat()
        let age = fstat(fd, &info) == 0
            ? max(0, Date().timeIntervalSince1970 - (Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)) : 0
        let marker = read(fd)
        let here = ProcessInfo.processInfo.hostName
        func holder(_ stale: String?) -> ClaimHolder { ClaimHolder(marker: marker, age: age, staleBecause: stale) }
        if lockState == .held { return holder(nil) }
        guard let marker else { return holder("its marker is empty or unreadable") }
        if marker.host == here {
            if lockState == .free { return holder("its process on this host is gone") }
            if marker.pid != getpid() && kill(marker.pid, 0) != 0 { return holder("its process on this host is gone") }
            return holder(nil)
        }
        if age > lease { return holder("its lease of \(Int(lease)) s expired \(Int((age - lease).rounded())) s ago") }
        return holder(nil)
    }

    private static func read(_ fd: Int32) -> ClaimMarker? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return try? JSONDecoder().decode(ClaimMarker.self, from: Data(bytes[0..<n]))
    }

    private static func write(_ marker: ClaimMarker, to fd: Int32) {
        let bytes = [UInt8]((try? JSONEncoder().encode(marker)) ?? Data())
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// A lock on the whole file, for `F_OFD_*` (whose `l_pid` must be 0).
    private static func lockRequest(_ type: Int32) -> flock {
        var request = flock()
        request.l_type = Int16(type)
        request.l_whence = Int16(SEEK_SET)
        request.l_start = 0
        request.l_len = 0
        request.l_pid = 0
        return request
    }
}
