import Foundation
import Rules
import TestSupport
import Testing

/// `leakwatch test rules` against promtool's own fixtures, the shipped leak rules and hand-made failures.
@Suite("Rule unit tests (promtool test rules)")
struct RuleUnitTestRunnerTests {
    private static var packageRoot: String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    }

    private func run(_ path: String, _ configure: (inout RuleUnitTestRunner) -> Void = { _ in }) -> [String] {
        var runner = RuleUnitTestRunner()
        configure(&runner)
        return runner.run(path: path).errors
    }

    @Test("the shipped leak rules pass their unit tests")
    func shippedLeakRules() {
        #expect(run(Self.packageRoot + "/rules/memory-leaks.test.yml") == [])
    }

    @Test(
        "promtool's passing fixtures pass",
        .enabled(if: RuleFixtures.available, "the shared conformance folder is not next to the package"),
        arguments: [
            "long-period.yml", "at-modifier-test.yml", "negative-offset-test.yml", "no-test-group-interval.yml",
            "start-time-test.yml",
        ])
    func passingFixtures(_ name: String) {
        #expect(run(RuleFixtures.promtool + "/" + name) == [], "\(name)")
    }

    @Test(
        "unittest.yml passes apart from its native histograms, which are refused with a clear error",
        .enabled(if: RuleFixtures.available, "the shared conformance folder is not next to the package"))
    func unittestFixture() {
        let errors = run(RuleFixtures.promtool + "/unittest.yml")
        #expect(errors.count == 6)
        for error in errors {
            #expect(error.contains("native histograms are not supported by leakwatch"), "\(error)")
        }
    }

    @Test(
        "--run, fuzzy_compare and --ignore-unknown-fields behave as promtool's",
        .enabled(if: RuleFixtures.available, "the shared conformance folder is not next to the package"))
    func options() {
        let directory = RuleFixtures.promtool
        #expect(run(directory + "/rules_run.yml").count == 1)
        #expect(run(directory + "/rules_run.yml") { $0.runPatterns = ["correct"] } == [])
        let fuzzy = run(directory + "/rules_run_fuzzy.yml")
        #expect(fuzzy.count == 2)
        #expect(fuzzy.allSatisfy { $0.contains("2.9999999999999987E+00") || $0.contains("3.0000000000000013E+00") })
        #expect(run(directory + "/rules_run_no_fuzzy.yml").count == 2)
        #expect(run(directory + "/rules_run_extrafields.yml").first?.contains("field namespace not found") == true)
        #expect(run(directory + "/rules_run_extrafields.yml") { $0.ignoreUnknownFields = true } == [])
    }

    @Test(
        "failing and bad fixtures fail with promtool's messages",
        .enabled(if: RuleFixtures.available, "the shared conformance folder is not next to the package"))
    func failingFixtures() {
        let directory = RuleFixtures.promtool
        let failing = run(directory + "/failing.yml")
        #expect(failing.count == 4)
        #expect(
            failing.first
                == """
                    name: Failing test,
                    alertname: Test, time: 0s, 
                        exp:[
                            0:
                              Labels:{alertname="Test"}
                              Annotations:{}
                            ], 
                        got:[]
                """)
        #expect(
            failing.contains { $0.hasPrefix("    expr: \"test\", time: 0s,\n        exp: {__name__=\"test\"} 1E+00") })
        #expect(
            run(directory + "/bad-promql.yml").first?.contains("found duplicate series for the match group") == true)
        #expect(
            run(directory + "/bad-rules-error-test.yml").first?.hasPrefix(
                "    rule: joined, time: 0s, err: found duplicate")
                == true)
        #expect(run(directory + "/bad-rules-syntax-test.yml").first?.contains("could not parse expression") == true)
        #expect(run(directory + "/bad-input-series.yml").first?.contains("parse error") == true)
    }

    @Test("alert checks compare firing alerts right after the evaluation at or before eval_time")
    func alertTiming() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try """
        groups:
          - name: g
            rules:
              - alert: Down
                expr: up == 0
                for: 5m
                annotations:
                  summary: "{{ $labels.job }} down at {{ $value }}"
        """.write(toFile: directory.path + "/rules.yml", atomically: true, encoding: .utf8)
        try """
        rule_files: [rules.yml]
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="api"}'
                values: '0x10'
            alert_rule_test:
              - eval_time: 4m59s
                alertname: Down
                exp_alerts: []
              - eval_time: 5m
                alertname: Down
                exp_alerts:
                  - exp_labels: {job: api}
                    exp_annotations: {summary: "api down at 0"}
            promql_expr_test:
              - expr: ALERTS_FOR_STATE
                eval_time: 5m
                exp_samples:
                  - labels: 'ALERTS_FOR_STATE{alertname="Down", job="api"}'
                    value: 0
        """.write(toFile: directory.path + "/test.yml", atomically: true, encoding: .utf8)
        #expect(run(directory.path + "/test.yml") == [])
    }
}
