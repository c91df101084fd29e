import Foundation
import SieveCore
import SieveSpglib

/// Where a dataset's structure features (spglib's crystal systems, the 11 of `structure: true`,
/// matminer's Voronoi families) are kept between processes, so a grid, its resumes, `sieve
/// validate`, `sieve report` and every Slurm shard featurise a data file once.
///
/// One file per data file and setting, `<folder>/features-<key>.bin`, where the key is the SHA-256
/// of ``featuriserVersion``, the data file's SHA-256, the structure settings (with the version of
/// libsymspg when it searches the space groups) and the data-file lines of the rows read. The file ends with the SHA-256 of everything before it: a truncated or
/// damaged file is recomputed and rewritten, never trusted. The loader writes through `write`,
/// which must replace the file atomically (a temporary file renamed over it), so shards sharing a
/// folder never see half a file; two shards computing at once write the same bytes.
///
/// Only structure features are cached: they cost milliseconds per structure (spglib's search and
/// the Voronoi cells), while Magpie and the matminer composition families cost microseconds per
/// row, less than reading them back would save.
public struct StructureFeatureCache: Sendable {
    /// Bump whenever any structure featuriser's output changes (a family added or fixed, the space
    /// group search changed), so caches written by earlier versions miss.
    public static let featuriserVersion = 4

    public let folder: String
    let write: @Sendable (_ bytes: [UInt8], _ path: String) throws -> Void

    /// `write` replaces the file at its path with the bytes atomically.
    public init(folder: String, write: @escaping @Sendable (_ bytes: [UInt8], _ path: String) throws -> Void) {
        self.folder = folder
        self.write = write
    }

    /// What the loader did with the cache for one data file.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// The features were read from this file.
        case read(path: String)
        /// The features were computed and stored in this file.
        case stored(path: String)
        /// The file was damaged; the features were computed again and the file rewritten.
        case replacedDamaged(path: String, reason: String)
        /// The features were computed but could not be stored.
        case notStored(path: String, reason: String)

        public var path: String {
            switch self {
            case let .read(path), let .stored(path), let .replacedDamaged(path, _), let .notStored(path, _): return path
            }
        }

        public var description: String {
            switch self {
            case let .read(path): return "Structure features read from the cache \(path)."
            case let .stored(path): return "Structure features computed and stored in the cache \(path)."
            case let .replacedDamaged(path, reason):
                return "The feature cache \(path) was damaged (\(reason)); its features were computed again and the file rewritten."
            case let .notStored(path, reason):
                return "Structure features were computed but could not be stored in the cache \(path) (\(reason)); "
                    + "the next command will compute them again."
            }
        }
    }

    /// The structure reading's result, as `Dataset.structures` returns it.
    typealias Entry = (features: [[Double]], matminer: [Result<[Double], DataError>], systems: [String])

    /// The text the key hashes: everything the structure features of the rows depend on.
    static func keyText(fileSHA256: String, options: StructureOptions, crystalSystems: Bool, lines: [Int]) -> String {
        var hash = ContentHash()
        for line in lines { hash.update("\(line),".utf8) }
        return "sieve structure features v\(featuriserVersion)\nfile \(fileSHA256)\ncolumn \(options.column)\n"
            + "space group \(options.spaceGroupColumn.map { "column " + $0 } ?? "spglib \(Spglib.version)")\nsymprec \(options.symprec.bitPattern)\n"
            + "crystal systems \(crystalSystems)\nfeatures \(options.features)\nmatminer \(options.matminer.map(\.rawValue).joined(separator: ","))\n"
            + "rows \(lines.count) \(hash.hexDigest())\n"
    }

    func path(forKey keyText: String) -> String {
        PathText.join(folder, "features-\(ContentHash.hex(of: keyText)).bin")
    }

    // MARK: File format
    //
    // "SIEVEFC1", then the key text, the row count, whether crystal systems are kept (0 or 1), the
    // width of `structure: true` features (0 or 11) and of the matminer families, each row's crystal
    // system (when kept), its features, and its matminer
    // values (tag 1 and the values) or failure (tag 0 and the reason); then the SHA-256 of all that.
    // Integers are little-endian UInt64, numbers their IEEE bit patterns, texts a length and UTF-8.

    static let magic = Array("SIEVEFC1".utf8)

    static func encode(_ entry: Entry, keyText: String, rows: Int, matminerWidth: Int) -> [UInt8] {
        var out = magic
        func int(_ v: Int) { withUnsafeBytes(of: UInt64(v).littleEndian) { out.append(contentsOf: $0) } }
        func double(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func text(_ s: String) { int(s.utf8.count); out.append(contentsOf: s.utf8) }
        text(keyText)
        let featureWidth = entry.features.first?.count ?? 0
        int(rows); int(entry.systems.isEmpty ? 0 : 1); int(featureWidth); int(entry.matminer.isEmpty ? 0 : matminerWidth)
        for i in 0..<rows {
            if !entry.systems.isEmpty { text(entry.systems[i]) }
            if featureWidth > 0 { for v in entry.features[i] { double(v) } }
            if !entry.matminer.isEmpty {
                switch entry.matminer[i] {
                case let .success(values):
                    out.append(1)
                    for v in values { double(v) }
                case let .failure(error):
                    out.append(0)
                    text(Self.reason(of: error))
                }
            }
        }
        var hash = ContentHash()
        hash.update(out)
        out += hash.digest()
        return out
    }

    /// Why the reading of a cache file failed, for the message.
    struct Damage: Error { let reason: String }

    /// The entry in `bytes`, its failures placed at `lines` of `path`; throws ``Damage`` when the
    /// file is not a whole cache file for `keyText`.
    static func decode(_ bytes: [UInt8], keyText: String, lines: [Int], path: String) throws -> Entry {
        guard bytes.count >= magic.count + 32, Array(bytes[0..<magic.count]) == magic else {
            throw Damage(reason: "it is not a Sieve feature cache file, or it was cut short")
        }
        var hash = ContentHash()
        hash.update(bytes[0..<(bytes.count - 32)])
        guard hash.digest() == Array(bytes[(bytes.count - 32)...]) else {
            throw Damage(reason: "its checksum does not match its content")
        }
        var at = magic.count
        let end = bytes.count - 32
        func int() throws -> Int {
            guard end - at >= 8 else { throw Damage(reason: "it ends early") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            guard v <= UInt64(Int.max) else { throw Damage(reason: "it holds an impossible count") }
            return Int(v)
        }
        func double() throws -> Double {
            guard end - at >= 8 else { throw Damage(reason: "it ends early") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            return Double(bitPattern: v)
        }
        func text() throws -> String {
            let n = try int()
            guard end - at >= n else { throw Damage(reason: "it ends early") }
            defer { at += n }
            return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        }
        guard try text() == keyText else { throw Damage(reason: "it was written for other data or settings") }
        let rows = try int(), hasSystems = try int(), featureWidth = try int(), matminerWidth = try int()
        guard hasSystems <= 1 else { throw Damage(reason: "it holds an unknown layout") }
        guard rows == lines.count else { throw Damage(reason: "it holds \(rows) rows, not \(lines.count)") }
        var features: [[Double]] = [], matminer: [Result<[Double], DataError>] = [], systems: [String] = []
        systems.reserveCapacity(rows)
        for i in 0..<rows {
            if hasSystems == 1 { systems.append(try text()) }
            if featureWidth > 0 { features.append(try (0..<featureWidth).map { _ in try double() }) }
            if matminerWidth > 0 {
                guard at < end else { throw Damage(reason: "it ends early") }
                let tag = bytes[at]
                at += 1
                switch tag {
                case 1: matminer.append(.success(try (0..<matminerWidth).map { _ in try double() }))
                case 0: matminer.append(.failure(.malformedRow(path: path, line: lines[i], reason: try text())))
                default: throw Damage(reason: "it holds an unknown row tag")
                }
            }
        }
        guard at == end else { throw Damage(reason: "it has bytes past its last row") }
        return (features, matminer, systems)
    }

    static func reason(of error: DataError) -> String {
        if case let .malformedRow(_, _, reason) = error { return reason }
        return error.description
    }

    /// Reads the entry for `keyText`, or computes it with `compute` and stores it.
    func entry(keyText: String, lines: [Int], dataPath: String, matminerWidth: Int,
               compute: () throws -> Entry) rethrows -> (Entry, Outcome) {
        let file = path(forKey: keyText)
        var damage: String?
        if let data = FileManager.default.contents(atPath: file) {
            do {
                return (try Self.decode(Array(data), keyText: keyText, lines: lines, path: dataPath), .read(path: file))
            } catch let problem as Damage {
                damage = problem.reason
            } catch {
                damage = "\(error)"
            }
        }
        let entry = try compute()
        do {
            try write(Self.encode(entry, keyText: keyText, rows: lines.count, matminerWidth: matminerWidth), file)
        } catch {
            return (entry, .notStored(path: file, reason: "\(error)"))
        }
        return (entry, damage.map { .replacedDamaged(path: file, reason: $0) } ?? .stored(path: file))
    }
}
