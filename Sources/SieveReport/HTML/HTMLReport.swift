import SieveCore

/// `index.html`: one self-contained page (inline CSS and SVG, nothing fetched) with the spec
/// summary, the RMSE tables, the figures, the redundancy verdict, failed runs, and provenance.
public struct HTMLReport: Sendable {
    public var title: String
    public var description: String?
    /// Short facts about the experiment: dataset, pool, test sets, models, grid.
    public var summary: [(String, String)]
    public var groups: [ResultGroup]
    public var splits: [String]
    public var units: String?
    public var verdict: RedundancyVerdict?
    public var figures: [Figures.Figure]
    public var failed: [RunRecord]
    /// Sieve version and commit, data hashes, times, machine.
    public var provenance: [(String, String)]
    /// Extra sections (title, HTML), such as feature attributions.
    public var sections: [(String, String)] = []
    /// Campaigns that failed (label, error): never shown as results.
    public var failedCampaigns: [(String, String)] = []
    /// Sentences on what has not finished (runs without records, campaigns under way).
    public var unfinished: [String] = []

    public init(title: String, description: String?, summary: [(String, String)], groups: [ResultGroup], splits: [String],
                units: String?, verdict: RedundancyVerdict?, figures: [Figures.Figure], failed: [RunRecord],
                provenance: [(String, String)]) {
        self.title = title; self.description = description; self.summary = summary; self.groups = groups
        self.splits = splits; self.units = units; self.verdict = verdict; self.figures = figures
        self.failed = failed; self.provenance = provenance
    }

    static let style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}
        h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.88rem}th,td{border:1px solid #d6d6d6;padding:.25rem .55rem;text-align:right}
        th{background:#f3f3f3}td.text,th.text{text-align:left}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
        dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}.figure{margin:1rem 0}.figure svg{max-width:100%;height:auto}
        .failed td{background:#fff3f3}.note{color:#555;font-size:.9rem}
        """

    public func render() -> String {
        var html = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                    "<title>\(Self.escape(title))</title>", "<style>\(Self.style)</style>", "</head>", "<body>",
                    "<h1>\(Self.escape(title))</h1>"]
        if let description { html.append("<p>\(Self.escape(description))</p>") }
        html.append(Self.definitionList(summary))
        let metric = (groups.first?.metric ?? .rmse).label
        html.append("<h2>\(metric) by model and training size</h2>")
        html.append("<p class=\"note\">Test \(metric)\(units.map { " (\(Self.escape($0)))" } ?? ""), mean ± standard deviation over seeds.</p>")
        html.append(rmseTable())
        if !figures.isEmpty {
            html.append("<h2>Figures</h2>")
            for figure in figures {
                html.append("<div class=\"figure\" id=\"\(Self.escape(figure.fileName))\">\(figure.svg)</div>")
            }
        }
        if let verdict { html.append(verdictSection(verdict)) }
        for (title, body) in sections { html.append("<h2>\(Self.escape(title))</h2>\n" + body) }
        html.append(failuresSection())
        html.append("<h2>Provenance</h2>")
        html.append(Self.definitionList(provenance))
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// Failed runs and campaigns with their errors, and what has not finished.
    private func failuresSection() -> String {
        var html = ["<h2 id=\"failures\">Failures and unfinished work</h2>"]
        if failed.isEmpty && failedCampaigns.isEmpty && unfinished.isEmpty {
            html.append("<p>None: every planned run and campaign finished.</p>")
        }
        if !failed.isEmpty {
            html.append("<table><tr><th class=\"text\">failed run</th><th class=\"text\">error</th></tr>"
                        + failed.map { "<tr class=\"failed\"><td class=\"text\">\(Self.escape($0.key.canonical))</td>"
                            + "<td class=\"text\">\(Self.escape($0.error ?? ""))</td></tr>" }.joined() + "</table>")
        }
        if !failedCampaigns.isEmpty {
            html.append("<table><tr><th class=\"text\">failed campaign</th><th class=\"text\">error</th></tr>"
                        + failedCampaigns.map { "<tr class=\"failed\"><td class=\"text\">\(Self.escape($0.0))</td>"
                            + "<td class=\"text\">\(Self.escape($0.1))</td></tr>" }.joined() + "</table>")
        }
        html += unfinished.map { "<p class=\"note\">\(Self.escape($0))</p>" }
        return html.joined(separator: "\n")
    }

    private func rmseTable() -> String {
        let showStrategy = Set(groups.map(\.strategy)).count > 1
        var rows = ["<table><tr><th class=\"text\">model</th>" + (showStrategy ? "<th class=\"text\">strategy</th>" : "")
                    + "<th>train size</th><th>n_train</th>" + splits.map { "<th>\(Self.escape(Figures.splitLabel($0)))</th>" }.joined()
                    + "<th>seeds</th></tr>"]
        for g in groups {
            var cells = "<td class=\"text\">\(Self.escape(g.model))</td>" + (showStrategy ? "<td class=\"text\">\(Self.escape(g.strategy))</td>" : "")
            cells += "<td>\(Self.escape(RMSETable.sizeLabel(g.trainSize)))</td><td>\(Int(g.trainRows.rounded()))</td>"
            for split in splits {
                cells += "<td>" + (g.score(on: split).map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–") + "</td>"
            }
            rows.append("<tr>\(cells)<td>\(g.runs.count)</td></tr>")
        }
        return rows.joined(separator: "\n") + "</table>"
    }

    private func verdictSection(_ verdict: RedundancyVerdict) -> String {
        let metric = (groups.first?.metric ?? .rmse).label
        var rows = ["<h2>Redundancy verdict</h2>",
                    "<p class=\"note\">The smallest training set whose mean \(metric) is within \(NumberText.trimmed(verdict.tolerance * 100)) % "
                        + "of the full pool's (the largest random training set).</p>",
                    "<table><tr><th class=\"text\">model</th><th class=\"text\">test set</th><th class=\"text\">strategy</th>"
                        + "<th>full-pool \(metric)</th><th>smallest fraction</th><th>n_train</th><th>\(metric) there</th></tr>"]
        for line in verdict.lines {
            let fraction = line.smallest.map { "\(NumberText.trimmed($0.trainFraction * 100, maxDecimals: 2)) %" } ?? "none"
            rows.append("<tr><td class=\"text\">\(Self.escape(line.model))</td><td class=\"text\">\(Self.escape(Figures.splitLabel(line.split)))</td>"
                        + "<td class=\"text\">\(Self.escape(line.strategy))</td>"
                        + "<td>\(NumberText.fixed(line.fullPool.mean, 4)) ± \(NumberText.fixed(line.fullPool.std, 4))</td>"
                        + "<td>\(fraction)</td><td>\(line.smallest.map { String(Int($0.trainRows.rounded())) } ?? "–")</td>"
                        + "<td>\(line.smallestRMSE.map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–")</td></tr>")
        }
        return rows.joined(separator: "\n") + "</table>"
    }

    /// A Markdown pipe table (as the report's own .md files write them) turned into HTML; other
    /// lines become paragraphs.
    public static func markdownTable(_ markdown: String) -> String {
        var html: [String] = []
        var inTable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("|") {
                let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingSpaces }
                if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }
                let tag = inTable ? "td" : "th"
                if !inTable { html.append("<table>"); inTable = true }
                html.append("<tr>" + cells.enumerated().map { i, c in
                    "<\(tag)\(i < 3 ? " class=\"text\"" : "")>\(escape(c))</\(tag)>"
                }.joined() + "</tr>")
            } else {
                if inTable { html.append("</table>"); inTable = false }
                html.append("<p class=\"note\">\(escape(String(line)))</p>")
            }
        }
        if inTable { html.append("</table>") }
        return html.joined(separator: "\n")
    }

    static func definitionList(_ items: [(String, String)]) -> String {
        "<dl>" + items.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined() + "</dl>"
    }

    static func escape(_ text: String) -> String { SVG.escape(text) }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
