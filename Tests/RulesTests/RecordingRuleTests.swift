import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("Recording rules")
struct RecordingRuleTests {
    @Test("results are renamed, labelled with group and rule labels, and written at the query time")
    func output() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "requests", "job": "api", "instance": "1"], [1, 2])
        harness.load(["__name__": "requests", "job": "api", "instance": "2"], [3, 4])
        harness.load(["__name__": "requests", "job": "web", "instance": "1"], [5, 6])
        let evaluator = harness.evaluator(
            [
                try RuleHarness.recording(
                    "job:requests:sum", "sum by (job) (requests)", labels: ["env": "prod", "team": "b"])
            ],
            labels: ["team": "a", "region": "eu"])
        let result = evaluator.evaluate(at: minute)
        #expect(result.failures.isEmpty)
        #expect(result.samples == 2)
        #expect(result.ruleEvaluations == 1)
        let series = harness.series("job:requests:sum")
        #expect(
            series.map(\.labels) == [
                ["__name__": "job:requests:sum", "env": "prod", "job": "api", "region": "eu", "team": "b"],
                ["__name__": "job:requests:sum", "env": "prod", "job": "web", "region": "eu", "team": "b"],
            ])
        #expect(
            series.map(\.samples) == [[Sample(timestamp: minute, value: 6)], [Sample(timestamp: minute, value: 6)]])
        #expect(evaluator.snapshot.rules[0].health == .ok)
        #expect(evaluator.snapshot.rules[0].state == .unknown)
        #expect(evaluator.snapshot.lastEvaluationTimestamp == minute)
    }

    @Test("a later rule sees an earlier rule's output of the same evaluation")
    func chained() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [2])
        let evaluator = harness.evaluator([
            try RuleHarness.recording("double", "m * 2"), try RuleHarness.recording("quadruple", "double * 2"),
        ])
        _ = evaluator.evaluate(at: 0)
        #expect(harness.series("quadruple").first?.samples == [Sample(timestamp: 0, value: 8)])
    }

    @Test("a scalar result is one sample without labels; strings and range vectors are errors")
    func resultTypes() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [2])
        let evaluator = harness.evaluator([
            try RuleHarness.recording("two", "1 + 1"), try RuleHarness.recording("text", "\"hello\""),
            try RuleHarness.recording("range", "m[5m]"),
        ])
        let result = evaluator.evaluate(at: 0)
        #expect(harness.series("two").map(\.labels) == [["__name__": "two"]])
        #expect(harness.series("two").first?.samples == [Sample(timestamp: 0, value: 2)])
        #expect(
            result.failures == [
                GroupEvaluationResult.Failure(
                    ruleIndex: 1, ruleName: "text", message: "rule result is not a vector or scalar"),
                GroupEvaluationResult.Failure(
                    ruleIndex: 2, ruleName: "range", message: "rule result is not a vector or scalar"),
            ])
        #expect(evaluator.snapshot.rules.map(\.health) == [.ok, .err, .err])
        #expect(evaluator.snapshot.rules[1].lastError == "rule result is not a vector or scalar")
    }

    @Test("series that disappear get a staleness marker once; a failed evaluation writes none")
    func staleness() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 1, 1, 1, 1])
        harness.load(["__name__": "m", "i": "2"], [1, Double(bitPattern: Sample.staleNaNBits)])
        let evaluator = harness.evaluator([try RuleHarness.recording("copy", "m")])
        _ = evaluator.evaluate(at: 0)
        _ = evaluator.evaluate(at: minute)
        #expect(
            harness.samples(["__name__": "copy", "i": "2"]) == [Sample(timestamp: 0, value: 1), .stale(at: minute)])

        // A failing query leaves the previous series alone: no markers although nothing was returned.
        harness.failQueries("query timed out in query execution")
        let failed = evaluator.evaluate(at: 2 * minute)
        #expect(failed.failures.map(\.message) == ["query timed out in query execution"])
        #expect(evaluator.snapshot.rules[0].health == .err)
        #expect(evaluator.snapshot.rules[0].lastError == "query timed out in query execution")
        #expect(harness.samples(["__name__": "copy", "i": "1"]).count == 2)

        harness.failQueries(nil)
        _ = evaluator.evaluate(at: 3 * minute)
        #expect(evaluator.snapshot.rules[0].health == .ok)
        #expect(evaluator.snapshot.rules[0].lastError == nil)
        #expect(harness.samples(["__name__": "copy", "i": "1"]).map(\.timestamp) == [0, minute, 3 * minute])
        #expect(harness.samples(["__name__": "copy", "i": "2"]).count == 2)
    }

    @Test("rule labels that make results collide are an error and nothing is written")
    func duplicateLabels() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1])
        harness.load(["__name__": "m", "i": "2"], [1])
        let evaluator = harness.evaluator([try RuleHarness.recording("r", "m", labels: ["i": "same"])])
        let result = evaluator.evaluate(at: 0)
        #expect(
            result.failures.map(\.message) == [
                "vector contains metrics with the same labelset after applying rule labels"
            ])
        #expect(harness.series("r").isEmpty)
    }

    @Test("a rule label set to an empty value removes the label")
    func emptyLabelRemoves() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1", "drop": "x"], [1])
        let evaluator = harness.evaluator([try RuleHarness.recording("r", "m", labels: ["drop": ""])])
        _ = evaluator.evaluate(at: 0)
        #expect(harness.series("r").map(\.labels) == [["__name__": "r", "i": "1"]])
    }

    @Test("more series than the group limit is an error: nothing stored, no staleness markers")
    func limit() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 1, 1])
        harness.load(["__name__": "m", "i": "2"], [nil, 1, 1])
        let evaluator = harness.evaluator([try RuleHarness.recording("r", "m")], limit: 1)
        #expect(evaluator.evaluate(at: 0).failures.isEmpty)
        let result = evaluator.evaluate(at: minute)
        #expect(result.failures.map(\.message) == ["exceeded limit of 1 with 2 series"])
        #expect(harness.series("r").map(\.samples) == [[Sample(timestamp: 0, value: 1)]])

        let roomy = harness.evaluator([try RuleHarness.recording("r2", "m")], limit: 2)
        #expect(roomy.evaluate(at: minute).failures.isEmpty)
        #expect(harness.series("r2").count == 2)
    }
}
