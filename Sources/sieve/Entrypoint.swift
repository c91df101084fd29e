import SieveCLI

/// The `sieve` executable: everything lives in SieveCLI.
@main
enum Entrypoint {
    static func main() {
        SieveCommand.main()
    }
}
