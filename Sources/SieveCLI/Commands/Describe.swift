import ArgumentParser
import SieveCore
import SieveResolve

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print the spec reference: every block, key, model parameter and campaign setting, with values, defaults and meanings.",
        discussion: "With names (dataset, splits.cv, xgboost, etal, xgb_uncertainty, …), only those parts. docs/reference.md is this command's output.")

    @Argument(help: "Parts to print (default: all).")
    var parts: [String] = []

    func run() throws {
        let names = SpecReference.names
        for part in parts where !names.contains(part) {
            let hint = EditDistance.suggestion(for: part, among: names).map { "; did you mean '\($0)'?" }
                ?? ". The parts are: \(names.joined(separator: ", "))."
            throw ValidationError("The spec reference has no part '\(part)'\(hint)".replacingFirstSemicolon)
        }
        print(SpecReference.markdown(only: parts), terminator: "")
    }
}
