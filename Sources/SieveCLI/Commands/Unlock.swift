import ArgumentParser
import Foundation
import SieveCore
import SieveEngine
import SieveStore

/// `sieve unlock`: the deliberate takeover, as Snakemake's `--unlock`.
struct Unlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove the claims on runs and campaigns of a spec, so the next `sieve run` runs them.",
        discussion: """
            A claim whose holder died is taken over by the next `sieve run` by itself: at once on the \
            same host, and after the lease (--lease, 600 s by default) for a claim of another host. \
            Use this command when you know the holder is gone and will not wait for the lease: a node \
            that was powered off, or a store copied from another machine. A claim a live process of \
            this host still holds is never removed; one of another host is removed even if its lease \
            is fresh, so make sure no process there still works on the grid.
            """)

    @OptionGroup var options: ExperimentOptions

    @Flag(help: "List what would be removed, and remove nothing.")
    var dryRun = false

    func run() throws {
        try Failure.reporting {
            let runner = try options.runner()
            let store = runner.store()
            var removed = 0, kept = 0
            let here = ProcessInfo.processInfo.hostName
            let markers = store.runs.markedIDs().map { ("run", $0, store.runs.holder(of: $0), store.runs.removeMarker) }
                + store.campaigns.markedIDs().map { ("campaign", $0, store.campaigns.holder(of: $0), store.campaigns.removeMarker) }
            for (kind, id, holder, remove) in markers {
                let description = holder?.description ?? "no readable marker"
                if let holder, holder.isHeld, holder.marker?.host == here {
                    print("kept    \(kind) \(id): \(description); a live process of this host holds it (stop it first).")
                    kept += 1
                    continue
                }
                print((dryRun ? "would remove " : "removed ") + "\(kind) \(id): \(description)")
                if !dryRun { remove(id) }
                removed += 1
            }
            print("\(NumberText.counted(removed, "claim")) " + (dryRun ? "would be removed" : "removed")
                  + (kept > 0 ? ", \(kept) kept" : "") + " in \(runner.output).")
        }
    }
}
