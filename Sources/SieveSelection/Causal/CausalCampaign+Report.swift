import SieveCausal
import SieveCore
import SieveReport

extension CausalCampaign {
    /// `causal_curves.csv`, `causal_edges.csv`, `causal_effects.csv`, `interventions.csv`,
    /// `causal_graphs.csv` (adjacency at iterations 5, 20, 40 and of the pool) and `causal.md`;
    /// figures of graph loss and test-set accuracy against iteration (causal vs random, mean ± sd),
    /// adjacency heat maps, and the pool's graph in layers by causal order, its edges with a bootstrap
    /// probability of at least `graph.min_probability`.
    public static func report(_ campaigns: [ReportedCampaign<CausalCampaign>], context: CampaignReportContext) -> CampaignOutputs {
        var outputs = CampaignOutputs()
        let runs = campaigns.filter { $0.campaign.role != .global && $0.state.selection != nil }
        guard let any = campaigns.first(where: { !$0.state.variables.isEmpty }) else { return outputs }
        let names = any.state.variables.dropLast() + [context.targetName]
        var curves = CSVText(header: ["mode", "seed", "iteration", "n_rows", "chosen_subset", "graph_loss", "test_rmse", "test_r2"])
        for run in runs {
            for (i, it) in run.state.selection!.iterations.enumerated() {
                let m = i < run.state.accuracy.count ? run.state.accuracy[i] : nil
                curves.append([run.campaign.role.rawValue, String(run.campaign.seed), String(it.iteration), String(it.size),
                               String(it.chosenSubset), NumberText.exact(it.loss), m.map { NumberText.exact($0.rmse) } ?? "",
                               m.map { NumberText.exact($0.r2) } ?? ""])
            }
        }
        outputs.files.append(("causal_curves.csv", curves.text))
        var md = ["# Active causal learning — \(context.experiment)", "",
                  "Variables: \(names.joined(separator: ", ")) (the target, \(context.targetName), is a sink).", ""]
        md += summaryTable(runs)
        // Subset choice frequencies.
        md += ["", "| mode | subset | times chosen |", "|---|---|---|"]
        // Subsets given by the dataset's groups are named (they are numbered in sorted name order).
        let subsetNames: [String]? = runs.first.flatMap { run in
            guard run.campaign.settings.subsetsFromGroups, let groups = context.rowGroups else { return nil }
            return groupSubsetNames(pool: context.pool, groups: groups)
        }
        func subsetLabel(_ k: Int) -> String { subsetNames.flatMap { k < $0.count ? "\(k) (\($0[k]))" : nil } ?? String(k) }
        for mode in [Role.causal, .random] {
            let chosen = runs.filter { $0.campaign.role == mode }.flatMap { $0.state.selection!.iterations.map(\.chosenSubset) }
            for (k, n) in Dictionary(grouping: chosen, by: { $0 }).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
                md.append("| \(mode.rawValue) | \(subsetLabel(k)) | \(n) |")
            }
        }
        if let global = campaigns.first(where: { $0.campaign.role == .global })?.state, let graph = global.global {
            let labels = Array(names)
            if let bootstrap = global.bootstrap {
                outputs.files.append(("causal_edges.csv", bootstrap.edgesCSV(names: labels)))
                outputs.files.append(("causal_effects.csv", bootstrap.effectsCSV(names: labels, target: labels.count - 1)))
                let probabilities = bootstrap.edgeProbabilities()
                var edges: [GraphDrawing.Edge] = []
                for to in 0..<graph.variables {
                    for from in 0..<graph.variables where graph.effect(on: to, from: from) != 0 {
                        edges.append(.init(from: from, to: to, weight: graph.effect(on: to, from: from),
                                           probability: probabilities[to * graph.variables + from]))
                    }
                }
                md += ["", "## The pool's graph: strongest edges", "", "| edge | effect | bootstrap probability |", "|---|---|---|"]
                for e in edges.sorted(by: { Swift.abs($0.weight) > Swift.abs($1.weight) }).prefix(10) {
                    md.append("| \(labels[e.from]) → \(labels[e.to]) | \(NumberText.fixed(e.weight, 4)) | \(NumberText.fixed(e.probability ?? .nan, 2)) |")
                }
                outputs.figures.append(Figures.Figure(fileName: "causal_graph.svg", title: "The pool's causal graph",
                    svg: GraphDrawing(title: "The pool's causal graph (DirectLiNGAM; \(bootstrap.graphs.count) bootstrap resamples)",
                                      nodes: labels, edges: edges, highlighted: labels.count - 1,
                                      minProbability: any.campaign.settings.graphMinProbability).svg()))
            }
            var graphs = CSVText(header: ["graph", "to", "from", "effect"])
            var maps: [(String, [Double])] = []
            if let first = runs.first(where: { $0.campaign.role == .causal }) {
                for at in [5, 20, 40] where at <= first.state.selection!.iterations.count {
                    maps.append(("causal seed \(first.campaign.seed), iteration \(at)", first.state.selection!.iterations[at - 1].adjacency))
                }
            }
            maps.append(("pool", graph.adjacency))
            for (title, adjacency) in maps {
                for to in 0..<graph.variables {
                    for from in 0..<graph.variables {
                        graphs.append([title, labels[to], labels[from], NumberText.exact(adjacency[to * graph.variables + from])])
                    }
                }
                let scale = graph.adjacency.map(Swift.abs).max()
                outputs.figures.append(Figures.Figure(fileName: "causal_adjacency_\(Figures.safe(title)).svg", title: title,
                    svg: HeatMap(title: "Adjacency — \(title)", rowLabels: labels, columnLabels: labels, values: adjacency, scale: scale).svg()))
            }
            outputs.files.append(("causal_graphs.csv", graphs.text))
        }
        var interventions = CSVText(header: ["seed", "molecule", "variable", "original", "intervened", "predicted_before",
                                             "predicted_after", "nearest_pool_rows", "nearest_names"])
        for run in runs where run.state.interventions != nil {
            for s in run.state.interventions!.suggestions {
                interventions.append([String(run.campaign.seed), context.rowNames[context.pool[s.molecule]], names[s.variable],
                                      NumberText.exact(s.original), NumberText.exact(s.intervened), NumberText.exact(s.predictedBefore),
                                      NumberText.exact(s.predictedAfter), s.neighbours.map { String(context.pool[$0]) }.joined(separator: " "),
                                      s.neighbours.map { context.rowNames[context.pool[$0]] }.joined(separator: " ")])
            }
        }
        outputs.files.append(("interventions.csv", interventions.text))
        outputs.files.append(("causal.md", md.joined(separator: "\n") + "\n"))
        outputs.figures += curveFigures(runs, units: context.units)
        outputs.sections.append(("Active causal learning", HTMLReport.markdownTable(md.dropFirst(2).joined(separator: "\n"))))
        return outputs
    }

    /// Final graph loss and test-set accuracy, causal against random, mean ± sd over seeds.
    static func summaryTable(_ runs: [ReportedCampaign<CausalCampaign>]) -> [String] {
        var md = ["| mode | runs | rows | final graph loss | final test RMSE | final test R² |", "|---|---|---|---|---|---|"]
        for mode in [Role.causal, .random] {
            let chosen = runs.filter { $0.campaign.role == mode }
            guard !chosen.isEmpty else { continue }
            let loss = chosen.compactMap { $0.state.selection?.iterations.last?.loss }
            let rmse = chosen.compactMap { $0.state.accuracy.last?.rmse }, r2 = chosen.compactMap { $0.state.accuracy.last?.r2 }
            let rows = chosen.compactMap { $0.state.selection?.iterations.last?.size }.max() ?? 0
            func f(_ v: [Double], _ d: Int) -> String {
                guard !v.isEmpty else { return "–" }
                let s = Summary(v)
                return "\(NumberText.fixed(s.mean, d)) ± \(NumberText.fixed(s.std, d))"
            }
            md.append("| \(mode.rawValue) | \(chosen.count) | \(rows) | \(f(loss, 4)) | \(f(rmse, 4)) | \(f(r2, 3)) |")
        }
        return md
    }

    static func curveFigures(_ runs: [ReportedCampaign<CausalCampaign>], units: String?) -> [Figures.Figure] {
        func series(_ value: (ReportedCampaign<CausalCampaign>, Int) -> Double?) -> [LineChart.Series] {
            [Role.causal, .random].enumerated().map { c, mode in
                let chosen = runs.filter { $0.campaign.role == mode }
                let length = chosen.map { $0.state.selection?.iterations.count ?? 0 }.max() ?? 0
                let points = (0..<length).compactMap { i -> LineChart.Point? in
                    let values = chosen.compactMap { value($0, i) }
                    guard !values.isEmpty else { return nil }
                    let s = Summary(values)
                    return LineChart.Point(x: Double(i + 1), y: s.mean, spread: s.std)
                }
                return LineChart.Series(name: mode.rawValue, colour: c, points: points)
            }
        }
        let loss = LineChart(title: "Graph loss to the pool's graph", xLabel: "iteration", yLabel: "graph loss (Laplacian spectra, L2)",
                             logX: false, series: series { r, i in r.state.selection.flatMap { i < $0.iterations.count ? $0.iterations[i].loss : nil } })
        let r2 = LineChart(title: "Test-set R² of the model trained on the set", xLabel: "iteration", yLabel: "R² on the ID test set",
                           logX: false, series: series { r, i in i < r.state.accuracy.count ? r.state.accuracy[i].r2 : nil })
        return [Figures.Figure(fileName: "causal_graph_loss.svg", title: loss.title, svg: loss.svg()),
                Figures.Figure(fileName: "causal_accuracy.svg", title: r2.title, svg: r2.svg())]
    }
}
