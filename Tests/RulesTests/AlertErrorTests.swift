import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("Alerting rule errors")
struct AlertErrorTests {
    @Test("results that differ only in __name__ collide after alert labels; the state is left untouched")
    func duplicateAfterNameRemoval() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "a", "job": "x"], [1, 1])
        harness.load(["__name__": "b", "job": "x"], [nil, 1])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "{job=\"x\"}", for: 5 * minute)])
        _ = evaluator.evaluate(at: 0)
        #expect(evaluator.alerts().count == 1)
        let result = evaluator.evaluate(at: minute)
        #expect(
            result.failures == [
                GroupEvaluationResult.Failure(
                    ruleIndex: 0, ruleName: "A",
                    message: "vector contains metrics with the same labelset after applying alert labels")
            ])
        let rule = evaluator.snapshot.rules[0]
        #expect(rule.health == .err)
        #expect(rule.lastError == "vector contains metrics with the same labelset after applying alert labels")
        #expect(rule.alerts.map(\.activeAt) == [0])
        // No markers after a failure: the pending series written at 0 has no sample at 1m.
        #expect(harness.series("ALERTS").first?.samples == [Sample(timestamp: 0, value: 1)])
    }

    @Test("a label template mapping two results to one label set is a duplicate")
    func duplicateFromTemplate() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1])
        harness.load(["__name__": "m", "i": "2"], [1])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m", labels: ["i": "{{ $labels.missing }}x"])])
        let result = evaluator.evaluate(at: 0)
        #expect(
            result.failures.map(\.message) == [
                "vector contains metrics with the same labelset after applying alert labels"
            ])
        #expect(evaluator.alerts().isEmpty)
    }

    @Test("more alerts than the limit clears every alert and fails; pending and firing count, resolved do not")
    func limit() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 1, 0, 0])
        harness.load(["__name__": "m", "i": "2"], [1, 1, 1, 1])
        harness.load(["__name__": "m", "i": "3"], [0, 1, 0, 1])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m > 0")], limit: 2)
        #expect(evaluator.evaluate(at: 0).failures.isEmpty)
        #expect(evaluator.alerts().count == 2)

        let result = evaluator.evaluate(at: minute)
        #expect(result.failures.map(\.message) == ["exceeded limit of 2 with 3 alerts"])
        #expect(result.notifications.isEmpty)
        #expect(evaluator.alerts().isEmpty)
        #expect(harness.series("ALERTS").allSatisfy { $0.samples.allSatisfy { $0.timestamp == 0 } })

        // 2m: a single alert fits again.
        #expect(evaluator.evaluate(at: 2 * minute).failures.isEmpty)
        #expect(evaluator.alerts().map { $0.labels["i"] } == ["2"])
    }

    @Test("a resolved alert does not count toward the limit")
    func limitIgnoresResolved() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 0])
        harness.load(["__name__": "m", "i": "2"], [nil, 1])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m > 0")], limit: 1)
        _ = evaluator.evaluate(at: 0)
        let result = evaluator.evaluate(at: minute)
        #expect(result.failures.isEmpty)
        #expect(evaluator.alerts().map(\.state) == [.inactive, .firing])
    }

    @Test("a failed template expansion is kept as the label or annotation value and does not fail the rule")
    func templateError() throws {
        let harness = RuleHarness()
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("A", "vector(1)", labels: ["l": "{{ fail }}"], annotations: [("a", "{{ fail }}")])
        ])
        let result = evaluator.evaluate(at: 0)
        #expect(result.failures.isEmpty)
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.labels["l"] == "<error expanding template: unsupported action fail in A>")
        #expect(alert.annotations["a"] == "<error expanding template: unsupported action fail in A>")
    }
}
