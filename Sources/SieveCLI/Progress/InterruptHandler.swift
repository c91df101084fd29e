import Dispatch
import Foundation
import SieveEngine
import SieveExecute
import SieveModels

/// Ctrl-C (or SIGTERM) once: start no new runs and let running ones finish. Twice: stop every
/// external command's process group and exit at once.
/// Either way the run store is consistent (records are written atomically), so `sieve run` resumes.
final class InterruptHandler {
    private var sources: [DispatchSourceSignal] = []

    init(stop: StopSignal) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if stop.isRequested {
                    // External commands run in process groups of their own, out of reach of the
                    // terminal's Ctrl-C: stop them before exiting (their watchdogs would kill
                    // them once Sieve is gone; this makes it happen before the prompt returns).
                    let stopped = CommandProcessGroups.shared.stopAll()
                    let commands = stopped.isEmpty ? "" : " and \(stopped.count) external command\(stopped.count == 1 ? "" : "s")"
                    Failure.printError("\nsieve: stopped at once\(commands); runs under way will be redone by the next `sieve run`.")
                    exit(130)
                }
                stop.request()
                Failure.printError("\nsieve: stopping after the runs under way (press Ctrl-C again to stop at once)…")
            }
            source.resume()
            sources.append(source)
        }
    }

    func finish() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
