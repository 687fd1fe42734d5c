import ArgumentParser
import Foundation
import PromQL

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run test files.",
        subcommands: [TestPromQLCommand.self]
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
