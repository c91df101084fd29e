import CYaml
import SieveCore

/// Bounds how much a spec may grow through YAML aliases, before the YAML library builds it.
///
/// An alias (`*name`) repeats the node its anchor (`&name`) marks, and an anchored node may hold
/// aliases itself, so nine lines of nine aliases each stand for 9⁹ values (the "billion laughs"
/// attack). Yams shares the repeated nodes, but everything that walks the tree does not: turning
/// it into ``SpecNode``s ran out of memory, and Yams itself hashes a mapping's keys in full to find
/// duplicates, so an alias bomb used as a key hangs inside `compose`. This check therefore runs
/// first, on libyaml's event stream (the layer beneath Yams, which reports each alias with its
/// position): it sizes every anchored node as written out and stops at the first alias that takes
/// the values repeated through aliases past ``limit``. It reads the text in one pass, in time
/// linear in its length, and leaves syntax errors to the real parse.
enum AliasBudget {
    /// The most values (scalars, lists and mappings) a spec may repeat through aliases. A spec that
    /// shares a dataset or a model's settings a few times repeats tens; nothing needs ten thousand.
    static let limit = 10_000

    /// The alias that takes the spec past ``limit``, with where it is written; nil when within it
    /// (or when the text is not valid YAML, which the real parse reports).
    static func firstAliasOverLimit(in text: String) -> (alias: String, line: Int, column: Int, repeated: Int)? {
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> (String, Int, Int, Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var walk = Walk()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    walk.close(anchor: name(event.data.scalar.anchor), size: 1)
                case YAML_SEQUENCE_START_EVENT:
                    walk.open(anchor: name(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    walk.open(anchor: name(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    walk.closeCollection()
                case YAML_ALIAS_EVENT:
                    let alias = name(event.data.alias.anchor) ?? ""
                    if walk.repeatAlias(alias) > limit {
                        return (alias, Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1, walk.repeated)
                    }
                default:
                    continue
                }
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    /// The sizes of the collections open at the current event, and of every anchored node so far.
    private struct Walk {
        /// Each open list or mapping: its anchor and its size so far, counting what aliases repeat.
        var open: [(anchor: String?, size: Int)] = []
        var anchorSizes: [String: Int] = [:]
        /// Values repeated through aliases so far.
        var repeated = 0

        mutating func open(anchor: String?) { open.append((anchor, 1)) }

        mutating func closeCollection() {
            guard let last = open.popLast() else { return }
            close(anchor: last.anchor, size: last.size)
        }

        /// A node of `size` values is complete: it counts in its parent and under its anchor.
        mutating func close(anchor: String?, size: Int) {
            if let anchor { anchorSizes[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        /// An alias repeats its anchor's node; returns the total repeated so far. (An alias to an
        /// unknown anchor is an error the real parse reports.)
        mutating func repeatAlias(_ alias: String) -> Int {
            let size = anchorSizes[alias] ?? 0
            repeated += size
            close(anchor: nil, size: size)
            return repeated
        }
    }
}
