import SieveCore
import Yams

/// Turns YAML text into a ``SpecNode`` tree; the only user of Yams.
enum YAMLLoader {
    /// The document's root node, or a diagnostic at the syntax error.
    static func load(_ text: String, source: SourceText) -> Result<SpecNode, Diagnostic> {
        if let bomb = AliasBudget.firstAliasOverLimit(in: text) {
            return .failure(source.error(at: SourceLocation(path: source.path, line: bomb.line, column: bomb.column),
                                         "The alias '*\(bomb.alias)' takes the values the spec repeats through aliases past "
                                         + "\(AliasBudget.limit) (aliases inside anchored values multiply); write the shared "
                                         + "part out, or nest fewer aliases."))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return .failure(Diagnostic(at: SourceLocation(path: source.path, line: 1, column: 1),
                                           "The spec file is empty; it needs at least `name`, `dataset` and `models`."))
            }
            return .success(convert(node, path: source.path))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, source: source))
        } catch {
            return .failure(Diagnostic(at: SourceLocation(path: source.path, line: 1, column: 1),
                                       "The spec file could not be read as YAML: \(error)."))
        }
    }

    private static func location(_ mark: Mark?, path: String) -> SourceLocation {
        SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node, path: String) -> SpecNode {
        let at = location(node.mark, path: path)
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            if quoted { return SpecNode(.string(scalar.string), at: at) }
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return SpecNode(.null, at: at)
            case Tag.Name.bool.rawValue: return SpecNode(node.bool.map(SpecNode.Value.bool) ?? .string(scalar.string), at: at)
            case Tag.Name.int.rawValue: return SpecNode(node.int.map(SpecNode.Value.int) ?? .string(scalar.string), at: at)
            case Tag.Name.float.rawValue:
                return SpecNode(node.float.map(SpecNode.Value.double) ?? .string(scalar.string), at: at)
            default: return SpecNode(.string(scalar.string), at: at)
            }
        case let .sequence(sequence):
            return SpecNode(.list(sequence.map { convert($0, path: path) }), at: at)
        case let .mapping(mapping):
            // Keys are names: `on`, `yes` or `1` as a key is that word, not a boolean or a number.
            return SpecNode(.mapping(mapping.map { (key(($0.key), path: path), convert($0.value, path: path)) }), at: at)
        case let .alias(alias):
            return SpecNode(.string(alias.anchor.rawValue), at: at)
        }
    }

    private static func key(_ node: Node, path: String) -> SpecNode {
        if case let .scalar(scalar) = node { return SpecNode(.string(scalar.string), at: location(node.mark, path: path)) }
        return convert(node, path: path)
    }

    /// Where a tab caused a syntax error at `mark`: the tab at the mark, else the first tab in the
    /// line's indentation (YAML forbids tabs there; libyaml's own words for it are "found character
    /// that cannot start any token"). Nil when no tab is to blame.
    static func tabCause(near mark: Mark, in source: SourceText) -> SourceLocation? {
        guard let line = source.line(mark.line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let at = mark.column - 1
        if at >= 0 && at < scalars.count && scalars[at] == "\t" {
            return SourceLocation(path: source.path, line: mark.line, column: mark.column)
        }
        let indentation = scalars.prefix { $0 == " " || $0 == "\t" }
        guard let tab = indentation.firstIndex(of: "\t") else { return nil }
        return SourceLocation(path: source.path, line: mark.line, column: tab + 1)
    }

    private static func diagnostic(for error: YamlError, source: SourceText) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let tab = tabCause(near: mark, in: source) {
                return source.error(at: tab, "The spec has a tab here; YAML indents with spaces only, so replace the tab with spaces.")
            }
            if problem.contains("Maximum nesting level") || context?.text.contains("Maximum nesting level") == true {
                return source.error(at: location(mark, path: source.path),
                                    "The spec nests lists and mappings too deeply here (libyaml stops at 1000 levels); "
                                    + "no spec needs more than a few.")
            }
            let detail = context.map { "\($0.text) " } ?? ""
            return source.error(at: location(mark, path: source.path),
                                "The spec is not valid YAML: \(detail)\(problem).")
        case let .duplicatedKeysInMapping(duplicates, context):
            return source.error(at: location(context.mark, path: source.path),
                                "The key\(duplicates.count == 1 ? "" : "s") \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) "
                                + "appear\(duplicates.count == 1 ? "s" : "") more than once in this mapping.")
        default:
            return Diagnostic(at: SourceLocation(path: source.path, line: 1, column: 1),
                              "The spec is not valid YAML: \(error).")
        }
    }
}
