import Crypto

/// SHA-256 content hashes (of data files, run identities and seeds), by swift-crypto.
///
/// A thin wrapper so the rest of Sieve names one type and never the crypto library: the digest
/// is SHA-256 whatever implementation computes it, so identities and seeds written by earlier
/// versions (which hashed with a hand-written SHA-256) stay the same.
public struct ContentHash: Sendable {
    private var hasher = SHA256()

    public init() {}

    /// Feeds more bytes into the hash.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        hasher.update(data: Array(bytes))
    }

    /// Feeds a contiguous buffer into the hash without copying.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: buffer)
    }

    /// The 32 digest bytes (the hash can keep being fed afterwards).
    public func digest() -> [UInt8] { Array(hasher.finalize()) }

    /// The digest in lowercase hexadecimal.
    public func hexDigest() -> String { Self.hex(digest()) }

    /// The SHA-256 of a string's UTF-8 bytes, in hexadecimal.
    public static func hex(of text: String) -> String {
        var hash = ContentHash()
        hash.update(text.utf8)
        return hash.hexDigest()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
