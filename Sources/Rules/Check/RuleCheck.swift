import Foundation
import TimeSeries

/// promtool's `check rules`: loads each file, prints `Checking <file>` and either `  SUCCESS: N rules found` or
/// `  FAILED:` with the errors, runs the duplicate-rules lint, and decides the exit code (0 ok, 1 errors, 3 lint
/// problems with `lintFatal`).
public struct RuleCheck: Sendable {
    /// Whether the duplicate-rules lint runs (`--lint` `all` or `duplicate-rules`).
    public var lintDuplicateRules: Bool
    /// Whether lint problems alone make the exit code 3 (`--lint-fatal`).
    public var lintFatal: Bool
    /// Whether unknown fields are accepted (`--ignore-unknown-fields`).
    public var ignoreUnknownFields: Bool
    /// Warnings about the `--lint` value, printed to standard output before anything else.
    public var warnings: [String]

    /// Settings from promtool's flags: `lint` is a comma-separated list of `all`, `duplicate-rules`, `none`.
    public init(lint: String = "duplicate-rules", lintFatal: Bool = false, ignoreUnknownFields: Bool = false) {
        var duplicates = false
        var warnings: [String] = []
        for option in lint.split(separator: ",", omittingEmptySubsequences: false) {
            switch option {
            case "all", "duplicate-rules": duplicates = true
            case "none": break
            default: warnings.append("WARNING: unknown lint option: \(GoQuote.quote(String(option)))")
            }
        }
        self.lintDuplicateRules = duplicates
        self.lintFatal = lintFatal
        self.ignoreUnknownFields = ignoreUnknownFields
        self.warnings = warnings
    }

    /// What promtool's argument parser says before checking anything when a file argument is missing or a
    /// directory (`path 'x.yml' does not exist`, `'rules' is a directory`); nil when every file exists.
    public static func argumentError(for files: [String]) -> String? {
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                return "path '\(file)' does not exist"
            }
            if isDirectory.boolValue { return "'\(file)' is a directory" }
        }
        return nil
    }

    /// Checks rule files (`promtool check rules FILE...`).
    public func check(
        files: [String], validateTemplate: (_ text: String, _ name: String) -> String?
    ) -> RuleCheckReport {
        var report = RuleCheckReport()
        for warning in warnings { report.write(warning + "\n", to: .standardOutput) }
        for file in files {
            report.write("Checking \(file)\n", to: .standardOutput)
            let result = Result { () throws(RuleFileErrors) in
                try RuleFileLoader.load(
                    path: file, ignoreUnknownFields: ignoreUnknownFields, validateTemplate: validateTemplate)
            }
            record(result, in: &report)
        }
        report.exitCode = exitCode(report)
        return report
    }

    /// Checks rules read from standard input (`promtool check rules` without files).
    public func check(
        standardInput bytes: [UInt8], validateTemplate: (_ text: String, _ name: String) -> String?
    ) -> RuleCheckReport {
        var report = RuleCheckReport()
        for warning in warnings { report.write(warning + "\n", to: .standardOutput) }
        report.write("Checking standard input\n", to: .standardOutput)
        let result = Result { () throws(RuleFileErrors) in
            try RuleFileLoader.parse(
                bytes: bytes, path: "", ignoreUnknownFields: ignoreUnknownFields, validateTemplate: validateTemplate)
        }
        record(result, in: &report)
        report.exitCode = exitCode(report)
        return report
    }

    private func record(_ result: Result<RuleFile, RuleFileErrors>, in report: inout RuleCheckReport) {
        switch result {
        case .failure(let errors):
            // promtool goes on to the next file without the blank line.
            report.failed = true
            report.hasErrors = true
            report.write("  FAILED:\n" + errors.description + "\n", to: .standardError)
        case .success(let file):
            let duplicates = lintDuplicateRules ? DuplicateRule.find(in: file.groups) : []
            if duplicates.isEmpty {
                let count = file.groups.reduce(0) { $0 + $1.rules.count }
                report.write("  SUCCESS: \(count) rules found\n", to: .standardOutput)
            } else {
                report.failed = true
                report.write(
                    "  FAILED:\nlint error " + DuplicateRule.lintMessage(duplicates) + "\n", to: .standardError)
            }
            report.write("\n", to: .standardOutput)
        }
    }

    private func exitCode(_ report: RuleCheckReport) -> Int32 {
        if report.failed && report.hasErrors { return 1 }
        if report.failed && lintFatal { return 3 }
        return 0
    }
}
