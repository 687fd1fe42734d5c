import Testing
import TimeSeries

@testable import PromQL

@Suite("PromQL test runner")
struct PromQLTestRunnerTests {
    private func run(
        _ source: String, _ backend: FakeTestBackend, settings: PromQLTestRunner.Settings = .init()
    ) -> PromQLTestReport {
        PromQLTestRunner(settings: settings).run(source: source, fileName: "t.test", backend: backend)
    }

    private func vector(_ pairs: [(Labels, Double)], at time: Int64) -> QueryValue {
        .vector(timestamp: time, samples: pairs.map { InstantSample(labels: $0.0, timestamp: time, value: $0.1) })
    }

    @Test("load writes the i-th value at i*interval, stale markers as such, and skips _")
    func load() throws {
        let backend = FakeTestBackend()
        let report = run(
            """
            load 10s
              metric{a="1"} 0 1 stale _ 4
              other 1+1x2

            load 1m
              metric{a="2"} 7
            """, backend)
        #expect(report.failures.isEmpty)
        #expect(backend.appended.count == 3)
        let first = backend.appended[0]
        #expect(first.labels == Labels(["__name__": "metric", "a": "1"]))
        #expect(first.samples.map(\.timestamp) == [0, 10_000, 20_000, 40_000])
        #expect(first.samples.map(\.value)[0...1] == [0, 1])
        #expect(first.samples[2].isStale)
        #expect(backend.appended[1].samples.map(\.value) == [1, 2, 3])
        #expect(backend.appended[2].samples == [Sample(timestamp: 0, value: 7)])
    }

    @Test("a series defined twice in one load keeps the later line; clear empties the store")
    func redefinitionAndClear() {
        let backend = FakeTestBackend()
        _ = run("load 1m\n  m 1 2\n  m 5\n", backend)
        #expect(backend.appended.count == 1)
        #expect(backend.appended[0].samples == [Sample(timestamp: 0, value: 5)])
        _ = run("load 1m\n  m 1\n\nclear\n", backend)
        #expect(backend.clears == 1)
        #expect(backend.appended.isEmpty)
    }

    @Test("a matching instant result passes, and the harness's range-mode and @ re-runs are made")
    func passingInstant() {
        let backend = FakeTestBackend()
        let query = "sum(foo)"
        backend.expressions[query] = FakeExpr.call(
            "sum", [.vectorSelector(FakeExpr.selector("foo", in: query))], in: query)
        backend.instant = { _, time in
            .vector(timestamp: time, samples: [InstantSample(labels: ["a": "b"], timestamp: time, value: 3)])
        }
        let report = run("eval instant at 5m \(query)\n  {a=\"b\"} 3\n", backend)
        #expect(report.passed == 1 && report.failed == 0 && report.skipped == 0)
        #expect(report.summary == "1 passed, 0 failed, 0 skipped")
        let pinned = "sum(foo @ 300.000)"
        #expect(backend.instantCalls.map(\.query) == [query] + Array(repeating: pinned, count: 5))
        #expect(backend.instantCalls.map(\.time) == [300_000, -3_000_000, 0, 60_000, 300_000, 3_000_000])
        #expect(backend.rangeCalls.count == 6)
        #expect(backend.rangeCalls[0].start == 240_000 && backend.rangeCalls[0].end == 360_000)
        #expect(backend.rangeCalls[0].step == 60_000)
        #expect(backend.rangeCalls[1].query == pinned && backend.rangeCalls[1].start == -3_060_000)
    }

    @Test("at time 0 the @ re-run uses -1s, 0 and 1s")
    func atZero() {
        let backend = FakeTestBackend()
        let query = "foo"
        backend.expressions[query] = .vectorSelector(FakeExpr.selector("foo", in: query))
        _ = run("eval instant at 0 foo\n", backend)
        #expect(backend.instantCalls.map(\.time) == [0, -1000, 0, 1000])
        #expect(backend.instantCalls[1].query == "foo @ 0.000")
    }

    @Test("no @ re-run for time-dependent functions outside subqueries, nor without a parse")
    func noAtRerun() {
        let backend = FakeTestBackend()
        let query = "timestamp(foo)"
        backend.expressions[query] = FakeExpr.call(
            "timestamp", [.vectorSelector(FakeExpr.selector("foo", in: query))], in: query)
        _ = run("eval instant at 1m \(query)\n\neval instant at 1m unparsed\n", backend)
        #expect(backend.instantCalls.map(\.query) == [query, "unparsed"])
        #expect(backend.rangeCalls.count == 2)
    }

    @Test("@ is added after selectors, range selectors and outer subqueries only, not where one is present")
    func pinning() {
        let query = "rate(foo[5m] offset 1m) + bar @ 100 - max_over_time(baz[10m:1m]) * qux offset 2m"
        let matrix = MatrixSelector(
            selector: FakeExpr.selector("foo", in: query), range: 300_000,
            position: FakeExpr.range(of: "foo[5m] offset 1m", in: query))
        let subquery = SubqueryExpr(
            expr: .vectorSelector(FakeExpr.selector("baz", in: query, id: 2)), range: 600_000, step: 60_000,
            position: FakeExpr.range(of: "baz[10m:1m]", in: query))
        let left = BinaryExpr(
            op: .add, lhs: FakeExpr.call("rate", [.matrixSelector(matrix)], in: query),
            rhs: .vectorSelector(FakeExpr.selector("bar", in: query, id: 1, at: .timestamp(100_000))),
            matching: nil, returnBool: false, position: PositionRange(start: 0, end: 0))
        let right = BinaryExpr(
            op: .multiply, lhs: FakeExpr.call("max_over_time", [.subquery(subquery)], in: query),
            rhs: .vectorSelector(FakeExpr.selector("qux", in: query, id: 3)), matching: nil, returnBool: false,
            position: PositionRange(start: 0, end: 0))
        let expr = Expr.binary(
            BinaryExpr(
                op: .subtract, lhs: .binary(left), rhs: .binary(right), matching: nil, returnBool: false,
                position: PositionRange(start: 0, end: 0)))
        #expect(
            ScriptExprInspector.pinningSelectors(of: expr, in: query, at: 90_500)
                == "rate(foo[5m] offset 1m @ 90.500) + bar @ 100 - max_over_time(baz[10m:1m] @ 90.500) * "
                + "qux @ 90.500 offset 2m")
        #expect(ScriptExprInspector.seconds(-600_000) == "-600.000")
        #expect(ScriptExprInspector.seconds(5) == "0.005")
    }

    @Test("a wrong value fails with the expected and actual results")
    func wrongValue() throws {
        let backend = FakeTestBackend()
        backend.instant = { _, time in
            .vector(timestamp: time, samples: [InstantSample(labels: ["a": "b"], timestamp: time, value: 4)])
        }
        let report = run("load 1m\n  m 1\n\neval instant at 1m m\n  {a=\"b\"} 3\n", backend)
        #expect(report.passed == 0 && report.failed == 1)
        let failure = try #require(report.failures.first)
        #expect(failure.line == 4 && failure.expression == "m" && failure.file == "t.test")
        #expect(failure.message == "expected 3 for {a=\"b\"} but got 4")
        #expect(failure.expected == "{a=\"b\"} 3")
        #expect(failure.got == "{a=\"b\"} 4")
        #expect(
            failure.description == "t.test:4: m\n  expected 3 for {a=\"b\"} but got 4\n  expected: {a=\"b\"} 3\n"
                + "  got: {a=\"b\"} 4")
        #expect(backend.rangeCalls.isEmpty)
    }

    @Test("values are compared with Prometheus's relative tolerance of 1e-6")
    func tolerance() {
        let backend = FakeTestBackend()
        backend.instant = { _, time in
            .vector(timestamp: time, samples: [InstantSample(labels: ["a": "b"], timestamp: time, value: 1.0000001)])
        }
        #expect(run("eval instant at 1m m\n  {a=\"b\"} 1\n", backend).passed == 1)
        #expect(run("eval instant at 1m m\n  {a=\"b\"} 1.00001\n", backend).failed == 1)
    }

    @Test(
        "unexpected, missing and misordered series fail",
        arguments: [
            ("{a=\"b\"} 1\n  {a=\"c\"} 2", nil as String?, "expected metric {a=\"c\"} not found"),
            ("{a=\"c\"} 2", nil, "unexpected metric {a=\"b\"} in result, has value 1"),
            ("{a=\"c\"} 2\n  {a=\"b\"} 1", "expect ordered", "expected metric {a=\"b\"} at position 2 but was at 1"),
            ("1", nil, "expected scalar result, but got vector"),
        ])
    func seriesMismatches(_ expected: String, _ extra: String?, _ message: String) throws {
        let backend = FakeTestBackend()
        backend.instant = { _, time in
            .vector(
                timestamp: time,
                samples: [
                    InstantSample(labels: ["a": "b"], timestamp: time, value: 1),
                    InstantSample(labels: ["a": "c"], timestamp: time, value: 2),
                ].filter { $0.labels["a"] == "b" || !message.contains("not found") })
        }
        let extraLine = extra.map { "  \($0)\n" } ?? ""
        let report = run("eval instant at 1m m\n\(extraLine)  \(expected)\n", backend)
        #expect(report.failures.first?.message == message)
    }

    @Test("ordered results pass in order and skip the range-mode comparison")
    func ordered() {
        let backend = FakeTestBackend()
        backend.instant = { _, time in
            .vector(
                timestamp: time,
                samples: [
                    InstantSample(labels: ["a": "c"], timestamp: time, value: 2),
                    InstantSample(labels: ["a": "b"], timestamp: time, value: 1),
                ])
        }
        let report = run("eval_ordered instant at 1m sort_desc(m)\n  {a=\"c\"} 2\n  {a=\"b\"} 1\n", backend)
        #expect(report.passed == 1)
        #expect(backend.rangeCalls.count == 1)
    }

    @Test("scalars compare with NaN equal to NaN, and range mode reads the scalar at T")
    func scalars() {
        let backend = FakeTestBackend()
        backend.instant = { _, time in .scalar(timestamp: time, value: .nan) }
        #expect(run("eval instant at 1m 0/0\n  NaN\n", backend).passed == 1)
        backend.instant = { _, time in .scalar(timestamp: time, value: 2) }
        let report = run("eval instant at 1m 1+1\n  3\n\neval instant at 1m 1+1\n", backend)
        #expect(
            report.failures.map(\.message) == [
                "expected scalar 3 but got 2", "expected vector or matrix result, but got scalar",
            ])
    }

    @Test("strings compare exactly, and string evals skip the range-mode check")
    func strings() {
        let backend = FakeTestBackend()
        backend.instant = { _, time in .string(timestamp: time, value: "Foo") }
        let report = run(
            "eval instant at 1m \"Foo\"\n  expect string \"Foo\"\n\n"
                + "eval instant at 1m \"Foo\"\n  expect string `Bar`\n",
            backend)
        #expect(report.passed == 1)
        #expect(report.failures.map(\.message) == ["expected string \"Bar\" but got \"Foo\""])
        #expect(backend.rangeCalls.isEmpty)
    }

    @Test("range evals compare every point at start + i*step, with _ for none")
    func rangeEval() {
        let backend = FakeTestBackend()
        backend.range = { _, _, _, _ in
            .matrix([
                Series(
                    labels: ["job": "1"],
                    samples: [Sample(timestamp: 0, value: 200), Sample(timestamp: 120_000, value: 200)])
            ])
        }
        let source = "eval range from 0 to 2m step 1m requests * 2\n  {job=\"1\"} 200 _ 200\n"
        #expect(run(source, backend).passed == 1)
        #expect(backend.rangeCalls.map(\.step) == [60_000])
        let wrongCount = run("eval range from 0 to 2m step 1m r\n  {job=\"1\"} 200 200 200\n", backend)
        #expect(wrongCount.failures.first?.message == "expected 3 float points for {job=\"1\"}, but got 2")
        let wrongTime = run("eval range from 0 to 2m step 1m r\n  {job=\"1\"} 200 200 _\n", backend)
        #expect(wrongTime.failures.first?.message == "expected a point of {job=\"1\"} at 1m, but it is at 2m")
        #expect(wrongTime.failures.first?.got == "{job=\"1\"} 200@0s 200@2m")
        let tooMany = run("eval range from 0 to 2m step 1m r\n  {job=\"1\"} 200 _ 200 1\n", backend)
        #expect(tooMany.failures.first?.message.contains("cannot return this many points") == true)
    }

    @Test("expect range vector compares an instant query's matrix at its own timestamps")
    func rangeVector() {
        let backend = FakeTestBackend()
        backend.instant = { _, _ in
            .matrix([
                Series(
                    labels: ["__name__": "m"],
                    samples: [Sample(timestamp: 60_000, value: 1), Sample(timestamp: 180_000, value: 3)])
            ])
        }
        let report = run(
            "eval instant at 3m m[3m]\n  expect range vector from 1m to 3m step 60s\n  m{} 1 _ 3\n", backend)
        #expect(report.passed == 1)
        #expect(backend.rangeCalls.isEmpty)
        #expect(backend.instantCalls.map(\.time) == [180_000])
    }

    @Test("expect fail: a matching error passes; another error, no error or an unexpected error fails")
    func failures() {
        let backend = FakeTestBackend()
        backend.instant = { _, _ throws(QueryError) in
            throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
        }
        let report = run(
            """
            eval instant at 0 a
              expect fail

            eval instant at 0 a
              expect fail msg: vector cannot contain metrics with the same labelset

            eval instant at 0 a
              expect fail regex: cannot contain .* same

            eval_fail instant at 0 a
              expected_fail_regexp ^vector

            eval instant at 0 a
              expect fail msg: something else

            eval instant at 0 a
              1
            """, backend)
        #expect(report.passed == 4)
        #expect(report.failures.map(\.line) == [13, 16])
        #expect(report.failures[0].message == "the query failed with another error")
        #expect(report.failures[0].expected == "error \"something else\"")
        #expect(report.failures[1].message == "query failed")
        #expect(report.failures[1].got == "error: vector cannot contain metrics with the same labelset")
        backend.instant = { _, time in .scalar(timestamp: time, value: 1) }
        let unexpected = run("eval range from 0 to 1m step 1m a\n  expect fail\n", backend)
        #expect(unexpected.failures.first?.message == "expected the query to fail, but it succeeded")
    }

    @Test("the range-mode check fails when the range query disagrees at T")
    func rangeModeMismatch() throws {
        let backend = FakeTestBackend()
        backend.instant = { _, time in
            .vector(timestamp: time, samples: [InstantSample(labels: ["a": "b"], timestamp: time, value: 1)])
        }
        backend.range = { _, start, _, _ in
            .matrix([Series(labels: ["a": "b"], samples: [Sample(timestamp: start + 60_000, value: 9)])])
        }
        let report = run("eval instant at 2m m\n  {a=\"b\"} 1\n", backend)
        let failure = try #require(report.failures.first)
        #expect(failure.message.hasPrefix("range-mode check: m from 1m to 3m step 1m, point at 2m"))
        #expect(failure.message.hasSuffix("expected 1 for {a=\"b\"} but got 9"))
        backend.range = { _, _, _, _ throws(QueryError) in throw QueryError(.execution, "boom") }
        #expect(run("eval instant at 2m m\n  {a=\"b\"} 1\n", backend).failures.first?.got == "error: boom")
    }

    @Test("no range-mode check for start(), end(), range() and step(), or when disabled")
    func rangeModeExclusions() {
        let backend = FakeTestBackend()
        _ = run("eval instant at 1m foo @ start()\n", backend)
        var settings = PromQLTestRunner.Settings()
        settings.checkRangeMode = false
        _ = run("eval instant at 1m foo\n", backend, settings: settings)
        #expect(backend.rangeCalls.isEmpty)
        #expect(backend.instantCalls.count == 2)
    }

    @Test(
        "skips are reported with a reason and never run",
        arguments: [
            ("eval instant at 1m m\n  expect warn\n", "expects warn annotations"),
            ("eval_info instant at 1m m\n", "expects info annotations"),
            ("eval instant at 1m m\n  m {{count:1}}\n", "native histogram in the expected result (line 2)"),
            ("load_with_nhcb 1m\n  m_bucket{le=\"1\"} 1\n\neval instant at 1m m\n", "load_with_nhcb at line 1"),
            ("eval instant at 1m sort_by_label(m, \"a\")\n", "experimental function sort_by_label()"),
            ("eval instant at 1m limitk(1, m)\n", "experimental aggregation limitk"),
            ("eval instant at 1m a + fill(0) b\n", "fill modifiers"),
            ("eval instant at 1m rate(m[5m] anchored)\n", "anchored range modifier"),
            ("eval instant at 1m m[5m+1m]\n", "duration expression"),
            ("eval instant at 1m m[step()]\n", "duration expression"),
            ("eval instant at 1m m offset -(1m)\n", "duration expression after offset"),
            ("eval range from 0 to 1m step 1m step()\n", "experimental function step()"),
        ])
    func skips(_ source: String, _ reason: String) throws {
        let backend = FakeTestBackend()
        let report = run(source, backend)
        #expect(report.passed == 0 && report.failed == 0 && report.skipped == 1)
        let skip = try #require(report.skips.first)
        #expect(skip.reason.contains(reason), "\(skip.reason)")
        #expect(backend.instantCalls.isEmpty && backend.rangeCalls.isEmpty)
        #expect(skip.description.hasPrefix("t.test:"))
    }

    @Test("a clear ends the load_with_nhcb skip")
    func clearEndsNHCB() {
        let backend = FakeTestBackend()
        let report = run("load_with_nhcb 1m\n  m 1\n\nclear\n\neval instant at 1m m\n", backend)
        #expect(report.skipped == 0 && report.passed == 1)
    }

    @Test("things that are not experimental or features are not skipped")
    func notSkipped() {
        let backend = FakeTestBackend()
        let report = run(
            """
            eval instant at 1m foo @ start() + bar @ end()

            eval instant at 1m {__name__="fill"} + label_replace(step, "to", "step()", "", "")

            eval instant at 1m rate(foo[5m:1m] offset -5m)
            """, backend)
        #expect(report.skipped == 0)
        #expect(report.passed == 3)
    }

    @Test("experimental functions and aggregations in the parsed query are skipped")
    func experimentalInAST() {
        let backend = FakeTestBackend()
        let query = "newfn(foo)"
        backend.expressions[query] = FakeExpr.call(
            "newfn", experimental: true, [.vectorSelector(FakeExpr.selector("foo", in: query))], in: query)
        let report = run("eval instant at 1m \(query)\n", backend)
        #expect(report.skips.map(\.reason) == ["experimental function newfn()"])
    }

    @Test("queries selecting series loaded with native histograms are skipped, others run")
    func histogramSeries() {
        let backend = FakeTestBackend()
        let selectsHistogram = "rate(mix[5m])"
        let matrix = MatrixSelector(
            selector: FakeExpr.selector("mix", in: selectsHistogram), range: 300_000,
            position: FakeExpr.range(of: "mix[5m]", in: selectsHistogram))
        backend.expressions[selectsHistogram] = FakeExpr.call(
            "rate", [.matrixSelector(matrix)], in: selectsHistogram)
        backend.expressions["floats"] = .vectorSelector(FakeExpr.selector("floats", in: "floats"))
        let report = run(
            """
            load 1m
              mix{a="1"} 1 {{schema:0 sum:1 count:1}}
              floats 1

            eval instant at 1m \(selectsHistogram)

            eval instant at 1m floats
            """, backend)
        #expect(report.skips.map(\.reason) == ["selects mix{a=\"1\"}, loaded with native histogram values at line 1"])
        #expect(report.passed == 1)
        #expect(backend.appended.map(\.labels) == [["__name__": "floats"]])
    }

    @Test("annotation expectations can be ignored to check only the results")
    func ignoreAnnotations() {
        let backend = FakeTestBackend()
        var settings = PromQLTestRunner.Settings()
        settings.skipAnnotationExpectations = false
        let report = run("eval instant at 1m m\n  expect warn\n  expect no_info\n", backend, settings: settings)
        #expect(report.passed == 1)
    }

    @Test("the filter runs only matching queries and does not count the others")
    func filter() {
        let backend = FakeTestBackend()
        var settings = PromQLTestRunner.Settings()
        settings.filter = "deriv"
        let report = run("eval instant at 1m deriv(m[5m])\n\neval instant at 1m m\n", backend, settings: settings)
        #expect(report.passed == 1 && report.failed == 0 && report.skipped == 0)
        #expect(backend.instantCalls.map(\.query) == ["deriv(m[5m])"])
    }

    @Test("a script error is one failure naming the line; bad series are failures too")
    func scriptAndLoadErrors() {
        let backend = FakeTestBackend()
        let report = run("load 1m\n  m 1\n\nbogus\n", backend)
        #expect(report.failed == 1)
        #expect(report.failures.first?.description == "t.test:4: script error: invalid command \"bogus\"")
        #expect(backend.appended.isEmpty)
        let badLoad = run("load 1m\n  m{a=b} 1\n", backend)
        #expect(badLoad.failures.first?.line == 2)
        #expect(badLoad.failures.first?.message.hasPrefix("invalid series in load") == true)
    }

    @Test("an unreadable file is an error naming the path")
    func unreadable() {
        #expect(throws: PromQLTestFileError.self) { try PromQLTestRunner().run(file: "/nonexistent/x.test") }
        do {
            _ = try PromQLTestRunner().run(file: "/nonexistent/x.test")
        } catch {
            #expect(error.description == "cannot read /nonexistent/x.test: No such file or directory")
        }
    }

    @Test("reports merge and summarise")
    func merge() {
        var total = PromQLTestReport()
        var other = PromQLTestReport()
        other.passed = 2
        other.failures = [PromQLTestFailure(file: "a", line: 1, expression: "x", message: "m")]
        other.skips = [PromQLTestSkip(file: "a", line: 2, expression: "y", reason: "r")]
        total.merge(other)
        total.merge(other)
        #expect(total.summary == "4 passed, 2 failed, 2 skipped")
    }
}

@Suite("almost.Equal")
struct AlmostEqualTests {
    @Test("relative tolerance, NaN and staleness like Prometheus's util/almost")
    func cases() {
        #expect(AlmostEqual.equal(1, 1 + 1e-7))
        #expect(!AlmostEqual.equal(1, 1.00001))
        #expect(AlmostEqual.equal(1e300, 1e300 * (1 + 1e-7)))
        #expect(AlmostEqual.equal(.nan, .nan))
        #expect(AlmostEqual.equal(.infinity, .infinity))
        #expect(!AlmostEqual.equal(.infinity, -.infinity))
        #expect(!AlmostEqual.equal(.infinity, 1))
        #expect(AlmostEqual.equal(Sample.staleMarker, Sample.staleMarker))
        #expect(!AlmostEqual.equal(Sample.staleMarker, .nan))
        #expect(!AlmostEqual.equal(.nan, Sample.staleMarker))
        #expect(AlmostEqual.equal(0, Double.leastNonzeroMagnitude * 1000))
        #expect(!AlmostEqual.equal(0, 1e-300))
        #expect(!AlmostEqual.equal(0, 1e-7))
        #expect(AlmostEqual.equal(0, -0.0))
    }
}
