import CFuzzDriver
import Glibc
import SieveData

/// Where each input is written for the dataset loader, which reads files (a RAM disk when there is one).
private let scratchFile = (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/sieve-fuzz-csv-\(getpid()).csv"

/// libFuzzer entry point: any bytes as a CSV file must give records or a located ``DataError``,
/// never a trap. The bytes are read twice: record by record with ``CSVReader``, then as a data
/// set by ``DatasetLoader`` (target: the last column; features: every numeric column, or Magpie
/// features when a column is called `formula`).
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let reader = CSVReader(text: text, path: "/fuzz/data.csv")
    let header: [String]
    do {
        header = try reader.header()
        var previous = 0
        try reader.forEachRecord { line, fields in
            precondition(line > previous, "records go forward: line \(line) after \(previous)")
            previous = line
            precondition(!fields.isEmpty)
            return true
        }
    } catch let error as DataError {
        _ = error.description
        return 0
    } catch {
        fatalError("CSVReader threw an error that is not a DataError: \(error)")
    }
    guard let target = header.last, header.count >= 2 else { return 0 }
    guard let file = fopen(scratchFile, "wb") else { fatalError("cannot write \(scratchFile)") }
    if size > 0 { precondition(fwrite(data, 1, size, file) == size) }
    fclose(file)
    var options = [DatasetOptions(path: scratchFile, target: target, features: .allNumeric, missingValues: .dropRows)]
    if header.contains("formula") {
        options.append(DatasetOptions(path: scratchFile, target: target, features: .magpie(formulaColumn: "formula")))
    }
    for option in options {
        do {
            let dataset = try DatasetLoader().load(option)
            precondition(dataset.targets.allSatisfy(\.isFinite), "targets must be finite")
            precondition(dataset.features.rows == dataset.targets.count)
        } catch let error as DataError {
            _ = error.description
        } catch {
            fatalError("DatasetLoader threw an error that is not a DataError: \(error)")
        }
    }
    return 0
}

@main enum FuzzCSV {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzCSV(data, size) })
    }
}
