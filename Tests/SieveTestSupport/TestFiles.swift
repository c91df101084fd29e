import Foundation

// Helpers that test targets used to copy into their own files (issue 24). This target imports no
// Sieve module, so SieveEndToEndTests, which tests the built binary and links no Sieve module,
// can use it as well as the unit-test targets.

/// Places in the repository, found from this file's path (the folder holding Package.swift).
public enum Repository {
    /// The repository's root.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

    /// The committed Materials Project sample (formula, target), 6,000 rows.
    public static let mpSample = root + "/experiments/data/mp_e_form_sample.csv"
    /// The committed OQMD sample (formula, target).
    public static let oqmdSample = root + "/experiments/data/oqmd_sample.csv"
}

/// Temporary folders and the files tests write into them.
public enum TestFiles {
    /// A fresh, empty folder under the temporary directory, named `<prefix>-<UUID>`.
    public static func temporaryFolder(_ prefix: String = "sieve-test") -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` (a spec, a dataset, a script) to `folder/name` and returns the file's path.
    @discardableResult
    public static func write(_ text: String, in folder: String, name: String = "spec.yaml") throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Where in a spec's text a located diagnostic must point.
public enum SpecText {
    /// The 1-based column at which `needle` first stands on the 1-based `line` of `text`.
    public static func column(of needle: String, line: Int, in text: String) -> Int {
        let row = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        return row.distance(from: row.startIndex, to: row.range(of: needle)!.lowerBound) + 1
    }
}

/// Waiting on processes a test started (command models, the binary).
public enum Processes {
    /// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
    public static func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    /// Whether `pid` no longer runs: gone, or a zombie nobody has reaped yet.
    public static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state == "Z" || state == "X"
    }
}

/// The outputs of a grid, compared across runs.
public enum RunsTable {
    /// runs.csv without its fit_seconds and predict_seconds columns, found by the header (a
    /// cross-validated grid has a fold column before them): what differs from run to run.
    public static func withoutTimings(_ csv: String) -> String {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0]
        let drop = Set(["fit_seconds", "predict_seconds"].compactMap { name in header.firstIndex { $0 == name } })
        return lines.map { fields in fields.indices.filter { !drop.contains($0) }.map { String(fields[$0]) }.joined(separator: ",") }
            .joined(separator: "\n")
    }
}
