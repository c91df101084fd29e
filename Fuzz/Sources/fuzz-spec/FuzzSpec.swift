import CFuzzDriver
import Glibc
import SieveSpec

/// libFuzzer entry point: any bytes as a spec file must give a spec or diagnostics, never a trap,
/// and every diagnostic must render (with its source line and caret).
func fuzzSpec(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let reading = SpecReader.parse(text: text, path: "/fuzz/spec.yaml")
    for diagnostic in reading.diagnostics { _ = diagnostic.description }
    if let spec = reading.spec { _ = spec.root.description }
    return 0
}

@main enum FuzzSpec {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzSpec(data, size) })
    }
}
