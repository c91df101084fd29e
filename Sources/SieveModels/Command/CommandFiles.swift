import Foundation
import SieveCore

/// The CSV files exchanged with an external command.
enum CommandFiles {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `row_id`, then `target` when given, then features or original columns.
    static func write(_ store: FeatureStore, rows: [Int], targets: [Double]?, input: CommandModel.Input, to path: String) throws {
        var text = ""
        text.reserveCapacity(rows.count * 64)
        switch input {
        case .features:
            text += (["row_id"] + (targets == nil ? [] : ["target"]) + store.featureNames).map(csvField).joined(separator: ",") + "\n"
            store.matrix.withUnsafeBufferPointer { x in
                for (k, r) in rows.enumerated() {
                    text += String(r)
                    if let targets { text += "," + targets[k].description }
                    for j in 0..<store.featureCount { text += "," + x[r * store.featureCount + j].description }
                    text += "\n"
                }
            }
        case .original:
            let originals = store.originals!
            // The test file never carries the target.
            let columns = originals.header.indices.filter { targets != nil || originals.header[$0] != originals.targetColumn }
            text += (["row_id"] + columns.map { originals.header[$0] }).map(csvField).joined(separator: ",") + "\n"
            for (k, r) in rows.enumerated() {
                var fields = [String(r)]
                for c in columns {
                    if originals.header[c] == originals.targetColumn, let targets { fields.append(targets[k].description) }
                    else { fields.append(originals.rows[r][c]) }
                }
                text += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ModelError.command("Could not write \(path) for the command: \(error.localizedDescription).")
        }
    }

    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads `prediction` (and optionally `row_id`) for the given test rows.
    static func readPredictions(_ path: String, rows: [Int]) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "it wrote no predictions file at \(path)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }),
              let predictionColumn = header.firstIndex(of: "prediction") else {
            throw Problem(description: "\(path) has no header with a `prediction` column")
        }
        let idColumn = header.firstIndex(of: "row_id")
        guard lines.count - 1 == rows.count else {
            throw Problem(description: "\(path) has \(lines.count - 1) predictions for \(rows.count) test rows")
        }
        var position: [Int: Int] = [:]
        if idColumn != nil { for (k, r) in rows.enumerated() { position[r] = k } }
        var out = [Double](repeating: .nan, count: rows.count)
        for (i, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let lineNumber = i + 2
            guard fields.count == header.count else {
                throw Problem(description: "\(path):\(lineNumber) has \(fields.count) fields but the header has \(header.count)")
            }
            guard let value = Double(fields[predictionColumn].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw Problem(description: "\(path):\(lineNumber): the prediction '\(fields[predictionColumn])' is not a finite number")
            }
            var k = i
            if let idColumn {
                guard let id = Int(fields[idColumn].trimmingCharacters(in: .whitespaces)), let at = position[id] else {
                    throw Problem(description: "\(path):\(lineNumber): row_id '\(fields[idColumn])' is not one of the test rows")
                }
                k = at
            }
            guard out[k].isNaN else { throw Problem(description: "\(path):\(lineNumber): row \(rows[k]) is predicted twice") }
            out[k] = value
        }
        return out
    }
}
