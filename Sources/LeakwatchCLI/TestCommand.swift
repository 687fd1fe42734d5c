import ArgumentParser
import Foundation
import PromQL
import Rules

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run test files.",
        subcommands: [TestRulesCommand.self, TestPromQLCommand.self]
    )
}

struct TestPromQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promql",
        abstract: "Run Prometheus PromQL test scripts (the promqltest .test format).",
        discussion: """
            Loads each file's series into an in-memory store and checks every eval against leakwatch's engine, as \
            Prometheus's harness does (including its @-modifier and range-mode re-runs of instant queries). Evals \
            needing what leakwatch does not support (native histograms, annotations, experimental functions, \
            duration expressions) are skipped. Prints each failure and "N passed, M failed, K skipped"; exits 1 \
            when any eval failed or a file could not be read.
            """
    )

    @Argument(help: "Test script files.")
    var files: [String]

    @Flag(help: "Also list the skipped evals with their reasons.")
    var verbose = false

    @Option(name: .customLong("run"), help: "Run only the evals whose query matches this regular expression.")
    var filter: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one test file") }
        if let filter, (try? Regex(filter)) == nil {
            throw ValidationError("--run: invalid regular expression \"\(filter)\"")
        }
    }

    func run() throws {
        var settings = PromQLTestRunner.Settings()
        settings.filter = filter
        let runner = PromQLTestRunner(settings: settings)
        var total = PromQLTestReport()
        var unreadable = false
        for file in files {
            do {
                let report = try runner.run(file: file)
                for failure in report.failures { print(failure) }
                if verbose { for skip in report.skips { print(skip) } }
                total.merge(report)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                unreadable = true
            }
        }
        print(total.summary)
        if total.failed > 0 || unreadable { throw ExitCode(1) }
    }
}

struct TestRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Run rule unit tests (promtool's `test rules` format).",
        discussion: """
            Each file names rule files (relative to itself), input series in the expanding notation, and \
            alert_rule_test / promql_expr_test checks at evaluation times. Every rule group is evaluated at each \
            evaluation_interval up to the last eval_time, as promtool does. Prints "Unit Testing:  FILE" and \
            SUCCESS or FAILED with each mismatch; exits 1 when any test failed.
            """
    )

    @Argument(help: "Unit-test files.")
    var files: [String]

    @Option(name: .customLong("run"), help: "Run only the test groups whose name matches this regular expression.")
    var runPatterns: [String] = []

    @Flag(help: "Accept unknown keys in the test and rule files.")
    var ignoreUnknownFields = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one test file") }
        for pattern in runPatterns where (try? Regex(pattern)) == nil {
            throw ValidationError("--run: invalid regular expression \"\(pattern)\"")
        }
    }

    func run() throws {
        var runner = RuleUnitTestRunner()
        runner.runPatterns = runPatterns
        runner.ignoreUnknownFields = ignoreUnknownFields
        // Unbuffered writes to both streams keep promtool's interleaving of stdout and stderr.
        func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
        func err(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        var failed = false
        for file in files {
            out("Unit Testing:  \(file)")
            let result = runner.run(path: file)
            if result.passed {
                out("  SUCCESS")
            } else {
                failed = true
                err("  FAILED:")
                for error in result.errors {
                    err(error)
                    out("")
                }
            }
            out("")
        }
        if failed { throw ExitCode(1) }
    }
}
