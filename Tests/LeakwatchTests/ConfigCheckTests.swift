import Foundation
import Rules
import TestSupport
import Testing

@testable import Leakwatch

/// `leakwatch check config`: the configuration as `serve` reads it, then the rule files it names.
@Suite
struct ConfigCheckTests {
    private static let goodRules = """
        groups:
          - name: leaks
            rules:
              - alert: HeapGrowing
                expr: deriv(heap_bytes[10m]) > 0
                for: 5m
        """

    @Test("a valid config and its rule files (unit-test files left out) pass")
    func validConfig() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let rules = directory.path + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try ConfigCheckTests.goodRules.write(toFile: rules + "/a.yml", atomically: true, encoding: .utf8)
        try "rule_files: [a.yml]\ntests: []\n".write(toFile: rules + "/a.test.yml", atomically: true, encoding: .utf8)
        let config = directory.path + "/leakwatch.yml"
        try """
        rule_files: ["\(rules)/*.yml"]
        receivers:
          - name: oncall
            type: webhook
            url: http://127.0.0.1:9/hook
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let report = ConfigCheck.check(files: [config])
        #expect(report.exitCode == 0, "\(report.standardError)")
        #expect(
            report.standardOutput == """
                Checking \(config)
                  SUCCESS: 1 rule files found
                  SUCCESS: 1 receiver configured
                 SUCCESS: \(config) is valid leakwatch config file syntax

                Checking \(rules)/a.yml
                  SUCCESS: 1 rules found


                """)
        #expect(report.standardError.isEmpty)
    }

    @Test("a bad key fails with file, line and column; the other files are still checked")
    func invalidConfig() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let bad = directory.path + "/bad.yml"
        try "receivers:\n  - name: a\n    type: webhook\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let empty = directory.path + "/empty.yml"
        try "rule_files: []\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let report = ConfigCheck.check(files: [bad, empty])
        #expect(report.exitCode == 1)
        #expect(report.standardError == "  FAILED: \(bad):2:5: receivers[0].url: is required\n\n")
        #expect(report.standardOutput.contains(" SUCCESS: \(empty) is valid leakwatch config file syntax"))
    }

    @Test("a rule file with errors, or a named one that is missing, fails the check")
    func badRuleFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(\n".write(
            toFile: directory.path + "/broken.yml", atomically: true, encoding: .utf8)
        let config = directory.path + "/leakwatch.yml"
        try """
        rule_files: ["\(directory.path)/broken.yml", "\(directory.path)/missing.yml"]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let report = ConfigCheck.check(files: [config])
        #expect(report.exitCode == 1)
        #expect(report.standardOutput.contains("  SUCCESS: 2 rule files found"))
        #expect(report.standardError.contains("\(directory.path)/broken.yml"))
        #expect(report.standardError.contains("no such file or directory"))
    }
}
