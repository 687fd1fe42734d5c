import Rules
import Testing

/// `check rules` as promtool does it, on promtool's own fixtures.
@Suite("Rule check", .enabled(if: RuleFixtures.available))
struct RuleCheckTests {
    private func path(_ name: String) -> String { RuleFixtures.promtool + "/" + name }

    private func check(_ names: [String], _ check: RuleCheck = RuleCheck()) -> RuleCheckReport {
        check.check(files: names.map(path), validateTemplate: RuleFixtures.validateTemplate)
    }

    private static let duplicateLint = """
        lint error 1 duplicate rule(s) found.
        Metric: job:test:count_over_time1m
        Label(s):
        Might cause inconsistency while recording expressions

        """

    @Test("a valid file: SUCCESS with its rule count and a blank line")
    func validFile() {
        let report = check(["rules.yml"])
        #expect(report.standardOutput == "Checking \(path("rules.yml"))\n  SUCCESS: 5 rules found\n\n")
        #expect(report.standardError.isEmpty)
        #expect(report.exitCode == 0)
    }

    @Test("a template error fails the file with exit code 1 and no blank line")
    func templateError() {
        let report = check(["rules-bad.yml"])
        #expect(report.standardOutput == "Checking \(path("rules-bad.yml"))\n")
        #expect(
            report.standardError == """
                  FAILED:
                \(path("rules-bad.yml")): group "alerts", rule 1, "InstanceDown": annotation "summary": \
                template: __alert_InstanceDown:1: undefined variable "$label"

                """)
        #expect(report.exitCode == 1)
    }

    @Test("duplicate rules are a lint problem: exit 0, or 3 with --lint-fatal, none with --lint=none")
    func duplicates() {
        let report = check(["rules_duplicates.yml"])
        #expect(report.standardOutput == "Checking \(path("rules_duplicates.yml"))\n\n")
        #expect(report.standardError == "  FAILED:\n" + Self.duplicateLint)
        #expect(report.exitCode == 0)
        #expect(check(["rules_duplicates.yml"], RuleCheck(lintFatal: true)).exitCode == 3)
        let none = check(["rules_duplicates.yml"], RuleCheck(lint: "none", lintFatal: true))
        #expect(none.standardOutput.contains("  SUCCESS: 5 rules found\n"))
        #expect(none.exitCode == 0)
        #expect(check(["rules_duplicates.yml"], RuleCheck(lint: "all", lintFatal: true)).exitCode == 3)
    }

    @Test("unknown fields fail unless ignored")
    func extraFields() {
        let strict = check(["rules_extrafields.yml"])
        #expect(
            strict.standardError == """
                  FAILED:
                \(path("rules_extrafields.yml")): yaml: unmarshal errors:
                  line 7: field namespace not found in type rulefmt.RuleGroup
                  line 21: field ownership not found in type rulefmt.RuleGroup

                """)
        #expect(strict.exitCode == 1)
        let lenient = check(["rules_extrafields.yml"], RuleCheck(ignoreUnknownFields: true))
        #expect(lenient.standardOutput.hasSuffix("  SUCCESS: 5 rules found\n\n"))
        #expect(lenient.exitCode == 0)
    }

    @Test("the unit-test rule fixtures: a join that fails only at evaluation is valid; bad syntax is not")
    func badRules() {
        #expect(check(["bad-rules-error.yml"]).standardOutput.hasSuffix("  SUCCESS: 1 rules found\n\n"))
        let syntax = check(["bad-rules-syntax.yml"])
        #expect(
            syntax.standardError == """
                  FAILED:
                \(path("bad-rules-syntax.yml")): 7:15: group "bad-syntax", rule 1, "x": could not parse expression: \
                1:7: parse error: unexpected end of input

                """)
        #expect(syntax.exitCode == 1)
    }

    @Test("several files: output in order; an error anywhere makes the exit code 1 even with lint problems")
    func severalFiles() {
        let report = check(["rules_duplicates.yml", "bad-rules-syntax.yml", "rules.yml"], RuleCheck(lintFatal: true))
        #expect(
            report.writes.map(\.stream) == [
                .standardOutput, .standardError, .standardOutput, .standardOutput, .standardError, .standardOutput,
                .standardOutput, .standardOutput,
            ])
        #expect(report.exitCode == 1)
    }

    @Test("unknown lint options are warned about on standard output first")
    func unknownLintOption() {
        let check = RuleCheck(lint: "bogus,duplicate-rules")
        #expect(check.warnings == [#"WARNING: unknown lint option: "bogus""#])
        #expect(check.lintDuplicateRules)
        let report = self.check(["rules.yml"], check)
        #expect(report.standardOutput.hasPrefix("WARNING: unknown lint option: \"bogus\"\nChecking "))
    }

    @Test("standard input: errors carry no file name")
    func standardInput() {
        let check = RuleCheck()
        let good = check.check(
            standardInput: Array("groups: [{name: g, rules: [{record: r, expr: up}]}]".utf8),
            validateTemplate: RuleFixtures.acceptTemplate)
        #expect(good.standardOutput == "Checking standard input\n  SUCCESS: 1 rules found\n\n")
        let bad = check.check(
            standardInput: Array("groups: [{name: g, rules: [{record: r}]}]".utf8),
            validateTemplate: RuleFixtures.acceptTemplate)
        #expect(bad.standardError == "  FAILED:\n0:0: group \"g\", rule 1, \"r\": field 'expr' must be set in rule\n")
        #expect(bad.exitCode == 1)
    }

    @Test("a missing file or a directory is an argument error")
    func argumentErrors() {
        #expect(RuleCheck.argumentError(for: [path("rules.yml")]) == nil)
        #expect(RuleCheck.argumentError(for: ["/no/such.yml"]) == "path '/no/such.yml' does not exist")
        #expect(RuleCheck.argumentError(for: [RuleFixtures.promtool]) == "'\(RuleFixtures.promtool)' is a directory")
    }
}

/// promtool's duplicate-rules lint on its own.
@Suite("Duplicate rules")
struct DuplicateRuleTests {
    @Test("duplicates are keyed by name and merged group and rule labels, sorted, each reported once")
    func findsDuplicates() throws {
        let yaml = """
            groups:
              - name: a
                labels: {team: x}
                rules:
                  - {alert: B, expr: up, labels: {team: y}}
                  - {alert: B, expr: up}
                  - {alert: A, expr: up}
                  - {alert: A, expr: up}
                  - {alert: A, expr: up}
              - name: b
                rules:
                  - {alert: B, expr: up, labels: {team: y, empty: ""}}
                  - {alert: B, expr: up, labels: {team: y}}
                  - {record: A, expr: up, labels: {team: x}}
            """
        let file = try RuleFileLoader.parse(yaml, path: "", validateTemplate: RuleFixtures.acceptTemplate)
        let duplicates = DuplicateRule.find(in: file.groups)
        #expect(
            duplicates == [
                DuplicateRule(name: "A", labels: [.init(name: "team", value: "x")]),
                DuplicateRule(name: "B", labels: [.init(name: "team", value: "y")]),
            ])
        #expect(
            DuplicateRule.lintMessage(duplicates) == """
                2 duplicate rule(s) found.
                Metric: A
                Label(s):
                \tteam: x
                Metric: B
                Label(s):
                \tteam: y
                Might cause inconsistency while recording expressions
                """)
    }

    @Test("no rules or one rule: no duplicates")
    func fewRules() throws {
        let file = try RuleFileLoader.parse(
            "groups: [{name: a, rules: [{record: r, expr: up}]}]", path: "",
            validateTemplate: RuleFixtures.acceptTemplate)
        #expect(DuplicateRule.find(in: file.groups).isEmpty)
        #expect(DuplicateRule.find(in: []).isEmpty)
    }
}
