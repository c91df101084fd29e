import Foundation

/// Which Sieve produced a result: its version and, when built from a git checkout, the commit.
public enum SieveVersion {
    public static let version = "0.1.0"

    /// The commit of the checkout the running binary was built in ("…-dirty" with local changes),
    /// or "unknown" outside a checkout.
    public static let commit: String = {
        // The running binary itself: `argv[0]` is a bare "sieve" when found through PATH, which
        // made every manifest of a run started outside the checkout say "unknown".
        let selfExe = "/proc/self/exe"
        let executable = FileManager.default.fileExists(atPath: selfExe)
            ? URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: selfExe)) ?? selfExe)
            : URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent().path
        guard let head = git(["-C", folder, "rev-parse", "HEAD"]), !head.isEmpty else { return "unknown" }
        let dirty = git(["-C", folder, "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return head + (dirty ? "-dirty" : "")
    }()

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
