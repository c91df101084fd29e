import ArgumentParser
import Foundation
import SieveCore
import SieveData
import SieveEngine
import SievePlan
import SieveStore

/// Turns every failure into text on standard error and a conventional exit code, in one place:
/// 64 (EX_USAGE) for a bad spec, 65 (EX_DATAERR) for bad data, 66 (EX_NOINPUT) for nothing to report,
/// 1 for failed runs, 74 (EX_IOERR)
/// for files that cannot be written, 70 (EX_SOFTWARE) for anything else, always as a sentence.
enum Failure {
    static let badSpec = ExitCode(64)
    static let badData = ExitCode(65)
    static let ioError = ExitCode(74)

    /// Runs `body`, reporting any error it throws and exiting with the matching code.
    static func reporting<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as DiagnosticsError {
            printError(error.description)
            throw badSpec
        } catch let error as DataError {
            printError("error: \(error)")
            throw badData
        } catch let error as StructureError {
            printError("error: \(error)")
            throw badData
        } catch let error as ExperimentError {
            printError(error.description)
            throw badData
        } catch let error as NothingToReport {
            printError("error: \(error)")
            throw ExitCode(66)
        } catch let error as OutsideOutputFolder {
            printError("error: \(error)")
            throw ioError
        } catch let error as AtomicFile.Failure {
            printError("error: \(error)")
            throw ioError
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("error: \(error)")
            throw ExitCode(70)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
