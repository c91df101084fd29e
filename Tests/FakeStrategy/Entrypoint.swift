import SieveCLI
import SieveSelection

/// `sieve` with one more acquisition strategy registered: the test of how much it takes to add one.
@main
enum FakeStrategySieve {
    static func main() {
        AcquisitionStrategies.register(LargestTarget.self)
        SieveCommand.main()
    }
}
