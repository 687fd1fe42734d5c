import ArgumentParser
import Foundation
import GoTemplate
import Rules

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files for validity.",
        subcommands: [CheckRulesCommand.self, CheckConfigCommand.self]
    )
}

struct CheckRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check if the rule files are valid or not (as promtool check rules).",
        discussion: """
            Prints "Checking <file>" and "  SUCCESS: N rules found" for each valid file, or "  FAILED:" and every \
            error on standard error. Exits 0 when all files are valid, 1 on any error, and 3 when only lint \
            problems were found and --lint-fatal is given. Without files, the rules are read from standard input.
            """
    )

    @Argument(help: "The rule files to check, default is read from standard input.")
    var files: [String] = []

    @Option(
        name: .customLong("lint"),
        help: "Linting checks to apply. Available options are: all, duplicate-rules, none. Use --lint=none to disable.")
    var lint = "duplicate-rules"

    @Flag(name: .customLong("lint-fatal"), help: "Make lint errors exit with exit code 3.")
    var lintFatal = false

    @Flag(name: .customLong("ignore-unknown-fields"), help: "Ignore unknown fields in the rule files.")
    var ignoreUnknownFields = false

    func run() throws {
        if let problem = RuleCheck.argumentError(for: files) {
            FileHandle.standardError.write(Data("leakwatch: error: \(problem), try --help\n".utf8))
            throw ExitCode(1)
        }
        let check = RuleCheck(lint: lint, lintFatal: lintFatal, ignoreUnknownFields: ignoreUnknownFields)
        let validateTemplate: (String, String) -> String? = { text, name in AlertTemplate.validate(text, name: name) }
        let report =
            files.isEmpty
            ? check.check(
                standardInput: [UInt8](FileHandle.standardInput.readDataToEndOfFile()),
                validateTemplate: validateTemplate)
            : check.check(files: files, validateTemplate: validateTemplate)
        try report.emit()
    }
}
