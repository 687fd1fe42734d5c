import Foundation
import TestSupport
import Testing

/// `leakwatch check rules` as a user runs it: promtool's output on the right streams and its exit codes.
struct CheckRulesCommandTests {
    private static var executable: String {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("leakwatch").path
    }

    private func leakwatch(
        _ arguments: [String], input: String? = nil
    ) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data((input ?? "").utf8))
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    private func write(_ text: String, _ name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static let duplicates = """
        groups:
          - name: a
            rules:
              - record: job:up:sum
                expr: sum(up)
          - name: b
            rules:
              - record: job:up:sum
                expr: sum(up)
        """

    @Test func validAndInvalidFiles() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let good = try write(
            "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n", "good.yml", in: directory)
        let bad = try write(
            "groups:\n  - name: g\n    rules:\n      - record: r\n        for: 5m\n", "bad.yml", in: directory)
        let ok = try leakwatch(["check", "rules", good])
        #expect(ok.status == 0)
        #expect(ok.output == "Checking \(good)\n  SUCCESS: 1 rules found\n\n")
        #expect(ok.errors.isEmpty)
        let failed = try leakwatch(["check", "rules", good, bad])
        #expect(failed.status == 1)
        #expect(failed.output == "Checking \(good)\n  SUCCESS: 1 rules found\n\nChecking \(bad)\n")
        #expect(
            failed.errors == """
                  FAILED:
                \(bad): 0:0: group "g", rule 1, "r": field 'expr' must be set in rule
                \(bad): 4:17: group "g", rule 1, "r": invalid field 'for' in recording rule

                """)
    }

    @Test func duplicateLintAndExitCodes() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write(Self.duplicates, "dups.yml", in: directory)
        let lint = try leakwatch(["check", "rules", path])
        #expect(lint.status == 0)
        #expect(lint.output == "Checking \(path)\n\n")
        #expect(
            lint.errors
                == "  FAILED:\nlint error 1 duplicate rule(s) found.\nMetric: job:up:sum\nLabel(s):\n"
                + "Might cause inconsistency while recording expressions\n")
        #expect(try leakwatch(["check", "rules", "--lint-fatal", path]).status == 3)
        let none = try leakwatch(["check", "rules", "--lint=none", "--lint-fatal", path])
        #expect(none.status == 0)
        #expect(none.output == "Checking \(path)\n  SUCCESS: 2 rules found\n\n")
    }

    @Test func unknownFieldsAndStandardInput() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("groups:\n  - name: g\n    owner: me\n", "extra.yml", in: directory)
        let strict = try leakwatch(["check", "rules", path])
        #expect(strict.status == 1)
        #expect(
            strict.errors
                == "  FAILED:\n\(path): yaml: unmarshal errors:\n"
                + "  line 3: field owner not found in type rulefmt.RuleGroup\n")
        let lenient = try leakwatch(["check", "rules", "--ignore-unknown-fields", path])
        #expect(lenient.status == 0)
        #expect(lenient.output == "Checking \(path)\n  SUCCESS: 0 rules found\n\n")
        let stdin = try leakwatch(["check", "rules"], input: "groups:\n  - name: g\n    interval: 5x\n")
        #expect(stdin.status == 1)
        #expect(stdin.output == "Checking standard input\n")
        #expect(
            stdin.errors == "  FAILED:\nunknown unit \"x\" in duration \"5x\"\nunknown unit \"x\" in duration \"5x\"\n")
    }

    @Test func missingFileIsAnArgumentError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let result = try leakwatch(["check", "rules", "/no/such/rules.yml"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors == "leakwatch: error: path '/no/such/rules.yml' does not exist, try --help\n")
    }
}
