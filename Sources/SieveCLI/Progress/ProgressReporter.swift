import Foundation
import SieveCore
import SieveEngine
import SieveExecute
import SievePlan
import SieveSelection
import SieveStore

/// Shows a grid's progress: a live line on a terminal, plain lines in logs, JSON for tools.
protocol ProgressReporter: Sendable {
    func loading(_ name: String)
    func handle(_ event: ProgressEvent)
    func summary(_ summary: RunSummary, shard: String?)
}

extension ProgressReporter {
    func summary(_ summary: RunSummary, shard: String?) {
        var line = "sieve: "
        if let shard { line += "shard \(shard) of \(summary.planned) runs: " }
        line += summary.status.line(aside: "\(summary.reused) already done, \(summary.ranNow) run now")
        line += " in \(NumberText.fixed(summary.seconds, 1)) s."
        print(line)
        if summary.stopped { print("Stopped early; `sieve run` again resumes where this one stopped.") }
        if summary.files.isEmpty {
            print("Records in \(summary.output)/runs/; write the tables with `sieve report` once every shard is done.")
        } else {
            let plots = summary.files.filter { $0.contains("/plots/") }.count
            let acquired = summary.files.filter { $0.contains("/acquired/") }.count
            let main = summary.files.filter { !$0.contains("/plots/") && !$0.contains("/acquired/") }.map { PathText.fileName(of: $0) }
            print("Tables in \(summary.output)/: " + main.joined(separator: ", ") + (plots > 0 ? ", plots/ (\(plots) figures)" : "")
                  + (acquired > 0 ? ", acquired/ (\(acquired) acquisition orders)" : ""))
            if let index = summary.files.first(where: { $0.hasSuffix("index.html") }) { print("Report: \(index)") }
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }

    /// "Active learning qbc seed=1 done: 6 iterations." and the like, for any campaign kind.
    static func campaignLine(_ campaign: PlannedCampaign, _ record: CampaignRecord) -> String {
        let name = campaign.label.prefix(1).uppercased() + campaign.label.dropFirst()
        let iterations = NumberText.counted(record.iterations, "iteration")
        switch record.status {
        case .done: return "\(name) done: \(iterations)" + (record.note.map { ", \($0)" } ?? "") + "."
        case .failed: return "\(name) FAILED: \(record.error ?? "unknown error")"
        case .running: return "\(name) paused after \(iterations); `sieve run` resumes it."
        }
    }

    static func counts(_ p: ProgressSnapshot) -> String {
        "\(p.finished)/\(p.total) done, \(p.running) running, \(p.failed) failed, \(duration(p.elapsed)) elapsed"
            + (p.remaining.map { ", about \(duration($0)) left" } ?? "")
    }
}

/// A live status line on a terminal; elsewhere (CI, Slurm logs) a plain line every 10 % of the
/// runs or every 30 seconds, whichever comes first, plus every failure.
final class TextProgress: ProgressReporter, @unchecked Sendable {
    private let terminal = isatty(STDOUT_FILENO) == 1
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var lastCount = 0

    func loading(_ name: String) { print("sieve: \(name): loading data and planning runs…") }

    func handle(_ event: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case let .warning(text):
            Failure.printError("warning: " + text)
        case let .began(total, reused, jobs, threads):
            print("sieve: \(total) runs to do (\(reused) already done), \(jobs) at once with \(NumberText.counted(threads, "thread")) each.")
        case let .runStarted(_, p):
            if terminal { status(p) }
        case let .campaignFinished(campaign, record):
            if terminal { print("\r\u{1B}[K", terminator: "") }
            print(Self.campaignLine(campaign, record))
        case let .runFinished(record, p):
            if record.status == .failed {
                if terminal { print("\r\u{1B}[K", terminator: "") }
                print("FAILED \(record.key.canonical): \(record.error?.split(separator: "\n").first ?? "unknown error")")
            }
            if terminal {
                status(p)
                if p.finished == p.total { print("") }
            } else if p.finished == p.total || p.finished - lastCount >= max(1, p.total / 10)
                        || Date().timeIntervalSince(lastLine) >= 30 {
                print("[\(p.finished)/\(p.total)] " + Self.counts(p))
                lastLine = Date(); lastCount = p.finished
            }
        }
        fflush(nil)
    }

    private func status(_ p: ProgressSnapshot) {
        print("\r\u{1B}[K[\(p.finished)/\(p.total)] " + Self.counts(p), terminator: "")
    }
}

/// Nothing but the summary.
struct QuietProgress: ProgressReporter {
    func loading(_ name: String) {}
    func handle(_ event: ProgressEvent) {
        if case let .warning(text) = event { Failure.printError("warning: " + text) }
    }
}

/// One JSON object per line for each event.
struct JSONProgress: ProgressReporter {
    func loading(_ name: String) { emit(["event": "loading", "experiment": name]) }

    func handle(_ event: ProgressEvent) {
        switch event {
        case let .warning(text):
            emit(["event": "warning", "message": text])
        case let .began(total, reused, jobs, threads):
            emit(["event": "began", "total": total, "reused": reused, "jobs": jobs, "threads_per_run": threads])
        case let .runStarted(run, p):
            emit(snapshot(p, ["event": "run_started", "run_id": run.id, "key": run.key.canonical]))
        case let .campaignFinished(campaign, record):
            var fields: [String: Any] = ["event": "campaign_finished", "kind": campaign.kind, "strategy": campaign.strategy,
                                         "campaign_id": campaign.id, "status": record.status.rawValue, "iterations": record.iterations]
            if let planned = campaign.plannedIterations { fields["planned_iterations"] = planned }
            if let error = record.error { fields["error"] = error }
            emit(fields)
        case let .runFinished(record, p):
            var fields: [String: Any] = ["event": "run_finished", "run_id": record.id, "key": record.key.canonical,
                                         "status": record.status.rawValue, "fit_seconds": record.fitSeconds]
            if let error = record.error { fields["error"] = error }
            if let id = record.metrics(on: "id") { fields["id_rmse"] = id.rmse }
            emit(snapshot(p, fields))
        }
    }

    func summary(_ summary: RunSummary, shard: String?) {
        var fields: [String: Any] = ["event": "finished", "planned": summary.planned, "reused": summary.reused,
                                     "ran_now": summary.ranNow, "failed": summary.status.failedRuns.count,
                                     "not_run": summary.status.unfinishedRuns.count, "held_elsewhere": summary.status.heldRuns.count,
                                     "campaigns": summary.status.campaigns.count, "campaigns_done": summary.status.doneCampaigns,
                                     "campaigns_failed": summary.status.failedCampaigns.count,
                                     "campaigns_not_finished": summary.status.unfinishedCampaigns.count,
                                     "stopped": summary.stopped, "seconds": summary.seconds, "output": summary.output,
                                     "files": summary.files]
        if let shard { fields["shard"] = shard }
        emit(fields)
    }

    private func snapshot(_ p: ProgressSnapshot, _ fields: [String: Any]) -> [String: Any] {
        var out = fields
        out["finished"] = p.finished; out["failed"] = p.failed; out["running"] = p.running; out["total"] = p.total
        out["elapsed"] = p.elapsed
        if let r = p.remaining { out["remaining"] = r }
        return out
    }

    private func emit(_ fields: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        print(String(decoding: data, as: UTF8.self))
        fflush(nil)
    }
}
