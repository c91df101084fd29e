/// Seeds derived from text by a stable hash, never from `hashValue` (which changes per process).
public enum StableSeed {
    /// A 64-bit seed from the SHA-256 of `text`: the same on every machine, process and Swift version.
    public static func of(_ text: String) -> UInt64 {
        var h = ContentHash()
        h.update(text.utf8)
        return h.digest()[0..<8].reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
