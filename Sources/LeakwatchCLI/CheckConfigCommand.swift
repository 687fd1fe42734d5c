import ArgumentParser
import Leakwatch
import Rules

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check if the config files are valid or not (as promtool check config).",
        discussion: """
            Reads each file as `leakwatch serve --config FILE` would: every key and value is checked and errors name \
            the file, line and column. Then the rule files it names (rule_files globs, unit-test files left out) are \
            checked as `leakwatch check rules` checks them. Prints "Checking <file>" and SUCCESS lines on standard \
            output, "  FAILED:" and the errors on standard error; exits 0 when everything is valid, 1 otherwise. \
            Relative rule_files are resolved against the current directory, as serve does.
            """
    )

    @Argument(help: "The config files to check.")
    var files: [String]

    func run() throws {
        try ConfigCheck.check(files: files).emit()
    }
}
