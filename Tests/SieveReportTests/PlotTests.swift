import Foundation
import Testing
import SieveCore
@testable import SieveReport

@Suite struct PlotTests {
    @Test func logAxesTickAtOneTwoFive() {
        let axis = Axis.log(covering: [0.01, 0.03, 1])
        #expect(axis.ticks == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
        let widened = Axis.log(covering: [0.0501, 0.9])
        #expect(widened.lower == 0.05 && widened.upper == 1, "the axis extends to the nearest labelled ticks")
        #expect(axis.label(0.05, percent: true) == "5 %")
        #expect(Axis.log(covering: [100, 100_000]).label(20_000) == "2×10⁴")
    }

    @Test func linearAxesUseNiceSteps() {
        let axis = Axis.linear(covering: [0.31, 0.77])
        #expect(axis.ticks.first! <= 0.31 && axis.ticks.last! >= 0.77)
        let steps = zip(axis.ticks.dropFirst(), axis.ticks).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - 0.1) < 1e-12 })
        #expect(axis.label(0.5) == "0.5")
        #expect(Axis.niceStep(0.23) == 0.25 && Axis.niceStep(0.7) == 1 && Axis.niceStep(1.5) == 2)
    }

    static func chart() -> LineChart {
        LineChart(title: "Learning curve <ID> & more", xLabel: "training fraction", yLabel: "RMSE (eV/atom)", percentX: true, series: [
            .init(name: "rf", colour: 0, points: [.init(x: 0.01, y: 0.6, spread: 0.05), .init(x: 0.1, y: 0.45, spread: 0.02),
                                                  .init(x: 1, y: 0.35, spread: 0.01)]),
            .init(name: "xgb, prune-xgb", colour: 1, dash: 1, points: [.init(x: 0.01, y: 0.65), .init(x: 1, y: 0.33)]),
        ])
    }

    @Test func chartsAreValidSVG() throws {
        let svg = Self.chart().svg()
        #expect(svg.contains("<title>Learning curve &lt;ID&gt; &amp; more</title>"))
        #expect(svg.contains("stroke-dasharray=\"7 4\""), "strategies are told apart by dashes")
        #expect(svg.contains("fill-opacity=\"0.16\""), "±1 std band")
        try Self.xmllint(svg)
    }

    /// Checks a document with `xmllint --noout` (libxml2-utils, installed by `make test`).
    static func xmllint(_ document: String) throws {
        let path = NSTemporaryDirectory() + "sieve-\(UUID().uuidString).svg"
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "xmllint rejected the SVG (is libxml2-utils installed?): \(message)")
    }

    @Test func xTickLabelsNeverOverlap() throws {
        // Many ticks on a narrow chart: labels must be thinned, not overlap.
        let points = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].map { LineChart.Point(x: $0, y: 1) }
        let svg = LineChart(title: "t", xLabel: "x", yLabel: "y", percentX: true,
                            series: [.init(name: "rf", colour: 0, points: points)]).svg(width: 420, height: 300)
        let labels = svg.split(separator: "\n").filter { $0.contains("text-anchor=\"middle\"") && $0.contains(" %</text>") }
        let extents: [(Double, Double)] = labels.map { line in
            let x = Double(line.split(separator: "\"")[1])!
            let text = line.split(separator: ">")[1].split(separator: "<")[0]
            let half = Double(text.count) * 12 * 0.6 / 2
            return (x - half, x + half)
        }.sorted { $0.0 < $1.0 }
        #expect(extents.count >= 3)
        for (a, b) in zip(extents, extents.dropFirst()) { #expect(a.1 < b.0, "labels overlap: \(a) \(b)") }
    }

    @Test func theHTMLReportIsOneSelfContainedPage() throws {
        let groups = ResultGroup.grouping(TableTests.records)
        let figure = Figures.learningCurves(groups, splits: ["id", "ood"], units: "eV/atom")
        #expect(figure.map(\.fileName) == ["learning_curve_id.svg", "learning_curve_ood.svg"])
        let page = HTMLReport(title: "demo", description: "A <small> test.", summary: [("Pool", "100 rows")], groups: groups,
                              splits: ["id", "ood"], units: "eV/atom",
                              verdict: RedundancyVerdict(groups: groups, splits: ["id", "ood"], tolerance: 0.1),
                              figures: figure, failed: TableTests.records.filter { $0.status == .failed },
                              provenance: [("Sieve", "0.1.0")]).render()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("http://") || page.contains("xmlns=\"http://www.w3.org/2000/svg\""), "nothing is fetched")
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
        #expect(page.contains("A &lt;small&gt; test."))
        for heading in ["RMSE by model and training size", "Figures", "Redundancy verdict", "Provenance"] {
            #expect(page.contains("<h2>\(heading)</h2>"))
        }
        #expect(page.contains("<h2 id=\"failures\">Failures and unfinished work</h2>") && page.contains("failed run"))
        #expect(page.contains("boom, it failed"))
        try Self.xmllint(figure[0].svg)
    }
}
