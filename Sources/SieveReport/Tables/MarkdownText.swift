/// Text placed in Markdown tables and lists, so that names from the data (group names, errors)
/// cannot break them.
public enum MarkdownText {
    /// `text` as one table cell: a `|` is escaped, line breaks become spaces, and a leading
    /// character that would start other Markdown is left harmless by the table context.
    public static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
