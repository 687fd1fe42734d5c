import Testing
import TimeSeries

@testable import PromQL

@Suite("PromQL test script parsing")
struct PromQLTestScriptTests {
    private func parse(_ source: String) throws -> [PromQLTestScript.Command] {
        try PromQLTestScript(source: source, fileName: "t.test").commands
    }

    private func evals(_ source: String) throws -> [EvalCommand] {
        try parse(source).compactMap { command in
            if case .eval(let eval) = command { eval } else { nil }
        }
    }

    private func parseError(_ source: String) -> PromQLTestScriptError? {
        do {
            _ = try PromQLTestScript(source: source, fileName: "t.test")
            return nil
        } catch {
            return error
        }
    }

    @Test("load blocks: interval, series lines with line numbers, histogram series, load_with_nhcb")
    func load() throws {
        let commands = try parse(
            """
            # comment
            load 5m
            \thttp_requests{job="api-server", instance="0", group="production"}\t0+10x2
              some_metric{env="3"} {{count:0}}+{{count:1}}x4

            load_with_nhcb 10s53ms
              metric_bucket{le="1"} 1 _ stale

            clear
            """)
        try #require(commands.count == 3)
        guard case .load(let first) = commands[0], case .load(let second) = commands[1] else {
            Issue.record("expected two loads")
            return
        }
        #expect(first.line == 2 && first.interval == 300_000 && !first.withNHCB)
        #expect(first.series.count == 2)
        #expect(first.series[0].line == 3)
        #expect(first.series[0].metric == #"http_requests{job="api-server", instance="0", group="production"}"#)
        #expect(first.series[0].values == [.value(0), .value(10), .value(20)])
        #expect(first.series[1].values == nil)
        #expect(second.withNHCB && second.interval == 10_053)
        #expect(second.series[0].values?.count == 3)
        #expect(second.series[0].values?[2].isStale == true)
        #expect(commands[2] == .clear(line: 9))
    }

    @Test("a comment line ends a block like a blank line")
    func commentEndsBlock() throws {
        let commands = try parse("load 1m\n  a 1\n# note\n  eval instant at 0 a\n  a 1\n")
        #expect(commands.count == 2)
        guard case .load(let load) = commands[0] else { return }
        #expect(load.series.count == 1)
    }

    @Test("eval instant: time, query, expected series and the empty result")
    func instant() throws {
        let parsed = try evals(
            """
            eval instant at 50m sum by (group) (http_requests{job="api-server"})
              {group="canary"} 700
              {group="production"} 300

            eval instant at 330s metric

            eval instant at 1h30m {__name__=~"x|y"} + on(a) group_left b
              {a="1"} -Inf
            """)
        #expect(parsed.count == 3)
        #expect(parsed[0].line == 1)
        #expect(parsed[0].expression == #"sum by (group) (http_requests{job="api-server"})"#)
        #expect(parsed[0].timing == .instant(at: 3_000_000))
        #expect(parsed[0].instantTime == 3_000_000)
        #expect(parsed[0].expectedSeries.map(\.metric) == [#"{group="canary"}"#, #"{group="production"}"#])
        #expect(parsed[0].expectedSeries.map(\.line) == [2, 3])
        #expect(parsed[0].expectedSeries[0].values == [.value(700)])
        #expect(parsed[1].expectedSeries.isEmpty && parsed[1].expectedScalar == nil)
        #expect(parsed[1].timing == .instant(at: 330_000))
        #expect(parsed[2].timing == .instant(at: 5_400_000))
        #expect(parsed[2].expectedSeries[0].values == [.value(-.infinity)])
    }

    @Test(
        "a bare number is a scalar expectation and ends the block",
        arguments: [
            ("12340000", 12_340_000.0), ("0.00001234", 0.00001234), ("-0.0000002", -0.0000002),
            ("+Inf", Double.infinity),
            ("-Inf", -Double.infinity), ("3.141592653589793", Double.pi), ("0x10", 16), ("1_000", 1000),
        ])
    func scalar(_ line: String, _ value: Double) throws {
        let parsed = try evals("eval instant at 50m 1\n\t\(line)\n")
        #expect(parsed[0].expectedScalar == value)
        #expect(parsed[0].expectedSeries.isEmpty)
    }

    @Test("NaN scalar")
    func nanScalar() throws {
        #expect(try evals("eval instant at 50m 0 / 0\n\tNaN\n")[0].expectedScalar?.isNaN == true)
    }

    @Test("a line after a scalar is read as a command, as in Prometheus")
    func scalarEndsBlock() {
        #expect(parseError("eval instant at 0 1\n  1\n  2\n")?.message == "invalid command \"2\"")
    }

    @Test("eval range: times, step, query, values with _ and expanding notation")
    func range() throws {
        let parsed = try evals(
            """
            eval range from 0 to 2m step 1m requests * 2
              {job="1", __address__="bar"} 200 _ 200
              {job="2"} 1+1x2

            eval range from 1m30s to 24m step 90s label_replace(x, "to", " to ", "step", " step ")
            """)
        #expect(parsed[0].timing == .range(start: 0, end: 120_000, step: 60_000))
        #expect(parsed[0].expression == "requests * 2")
        #expect(parsed[0].expectedSeries[0].values == [.value(200), .omitted, .value(200)])
        #expect(parsed[0].expectedSeries[1].values == [.value(1), .value(2), .value(3)])
        #expect(parsed[0].instantTime == nil)
        #expect(parsed[1].timing == .range(start: 90_000, end: 1_440_000, step: 90_000))
        #expect(parsed[1].expression == #"label_replace(x, "to", " to ", "step", " step ")"#)
    }

    @Test("the deprecated eval_fail, eval_warn, eval_info and eval_ordered forms")
    func deprecatedForms() throws {
        let parsed = try evals(
            """
            eval_fail instant at 0 -{job="api"}

            eval_warn instant at 0 a

            eval_info range from 0 to 1m step 1m a

            eval_ordered instant at 50m sort(a)
              a{x="1"} 1
              a{x="2"} 2

            eval_fail instant at 0 a
              expected_fail_message vector cannot contain metrics with the same labelset

            eval_fail range from 0 to 1m step 1m a
              expected_fail_regexp (vector|matrix) cannot
            """)
        #expect(parsed[0].expectsFailure && parsed[0].failMessages.isEmpty)
        #expect(parsed[1].expectsWarning && !parsed[1].expectsFailure)
        #expect(parsed[2].expectsInfo)
        #expect(parsed[3].ordered && parsed[3].expectedSeries.count == 2)
        #expect(parsed[4].failMessages == [.message("vector cannot contain metrics with the same labelset")])
        #expect(parsed[5].failMessages == [.regex("(vector|matrix) cannot")])
    }

    @Test("expected_fail_message ends the block")
    func failMessageEndsBlock() {
        #expect(
            parseError("eval_fail instant at 0 a\n  expected_fail_message x\n  a 1\n")?.message
                == "invalid command \"a 1\"")
    }

    @Test("expected_fail_message needs eval_fail")
    func failMessageNeedsEvalFail() {
        #expect(parseError("eval instant at 0 a\n  expected_fail_message x\n") != nil)
    }

    @Test("expect lines: fail with msg and regex, warn, info, no_warn, no_info, ordered")
    func expectLines() throws {
        let parsed = try evals(
            """
            eval instant at 0m ceil({__name__=~'testmetric1|testmetric2'})
              expect fail

            eval instant at 0 a
              expect fail msg:vector cannot contain metrics with the same labelset

            eval instant at 0 a
                expect fail msg: Parameter value is NaN

            eval instant at 0 a
              expect fail regex: vector cannot contain metrics .*|something else went wrong

            eval instant at 0 a
            \texpect warn msg: PromQL warning: sort is ineffective (1:1)
            \texpect warn regex: quantile value should be between 0 and 1, got NaN \\([0-9]+:[0-9]+\\)
            \texpect no_info

            eval instant at 0 a
              expect info
              expect no_warn
              expect ordered
              a 1
            """)
        #expect(parsed[0].expectsFailure && parsed[0].failMessages == [.any])
        #expect(parsed[1].failMessages == [.message("vector cannot contain metrics with the same labelset")])
        #expect(parsed[2].failMessages == [.message("Parameter value is NaN")])
        #expect(parsed[3].failMessages == [.regex("vector cannot contain metrics .*|something else went wrong")])
        #expect(parsed[4].expectsWarning && parsed[4].noInfo && !parsed[4].expectsInfo)
        #expect(parsed[4].warningMessages.count == 2)
        #expect(parsed[5].expectsInfo && parsed[5].noWarnings && parsed[5].ordered)
        #expect(parsed[5].expectedSeries.count == 1)
    }

    @Test("expect range vector sets the matrix timestamps and moves the evaluation to its end")
    func rangeVector() throws {
        let parsed = try evals(
            """
            eval instant at 1m some_metric[1m]
              expect range vector from 10s to 1m step 10s
              some_metric{env="a"} 2 3 4 5 6

            eval instant at 3m some_metric_with_stale_marker[3m]
                expect range vector from 1m to 3m step 60s
             \tsome_metric_with_stale_marker{} 1 _ 3

            eval instant at 5m m[1m]
                expect range vector from 9m10s to 10m step 1m
            """)
        #expect(parsed[0].rangeVector == EvalCommand.RangeVector(start: 10_000, end: 60_000, step: 10_000))
        #expect(parsed[0].expectedSeries[0].values?.count == 5)
        #expect(parsed[1].expectedSeries[0].values == [.value(1), .omitted, .value(3)])
        #expect(parsed[2].instantTime == 600_000)
    }

    @Test("expect string with double quotes, back quotes, escapes and the empty string")
    func expectString() throws {
        let parsed = try evals(
            """
            eval instant at 50m ("Foo")
            \texpect string `Foo`

            eval instant at 50m " Foo "
                expect string " Foo "

            eval instant at 50m ""
               \texpect string ""

            eval instant at 50m "a\\tb"
              expect string "a\\tb\\u00e9\\x41"
            """)
        #expect(parsed.map(\.expectedString) == ["Foo", " Foo ", "", "a\tbéA"])
    }

    @Test(
        "script errors name the line",
        arguments: [
            ("bogus 1", 1, "invalid command \"bogus 1\""),
            ("load 5x\n  a 1", 1, "invalid step definition \"5x\""),
            ("load 1m\n  a{b=\"c\" 1", 2, nil),
            ("eval instant at 5m a\n  a 1 2", 2, nil),
            ("eval instant at 5q a", 1, nil),
            ("eval instant 5m a", 1, nil),
            ("eval range from 5m to 1m step 1m a", 1, nil),
            ("eval instant at 0 a\n  expect info\n  expect no_info", 3, nil),
            ("eval instant at 0 a\n  expect fail\n  expect fail msg: x", 3, nil),
            ("eval instant at 0 a\n  expect bogus", 2, nil),
            ("eval instant at 0 a\n  expect fail regex: (", 2, nil),
            ("eval instant at 0 a\n  expect fail msg:", 2, nil),
            ("eval instant at 0 a\n  expect string Foo", 2, nil),
            ("eval instant at 0 a\n  expect range vector from 1m to 0s step 1m", 2, nil),
            ("\n\nload 1m\n  a 1\n  b x\n", 5, nil),
        ] as [(String, Int, String?)])
    func errors(_ source: String, _ line: Int, _ message: String?) {
        guard let error = parseError(source) else {
            Issue.record("expected a script error for \(source)")
            return
        }
        #expect(error.fileName == "t.test")
        #expect(error.line == line)
        if let message { #expect(error.message == message) }
        #expect(error.description.hasPrefix("t.test:"))
    }

    @Test("Windows line endings and surrounding whitespace are trimmed")
    func trimming() throws {
        let parsed = try evals("eval instant at 1m a\r\n  a 1\r\n\r\n")
        #expect(parsed[0].expression == "a")
        #expect(parsed[0].expectedSeries[0].values == [.value(1)])
    }

    /// `<package root>/../shared/conformance/prometheus/promql`, or nil when absent.
    static var conformanceDirectory: String? {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let path = "/" + root + "/../shared/conformance/prometheus/promql"
        return PromQLTestFileErrorProbe.exists(path) ? path : nil
    }

    static let conformanceFiles = [
        "aggregators", "at_modifier", "collision", "functions", "literals", "operators", "range_queries",
        "selectors", "staleness", "subquery", "trig_functions",
    ]

    @Test(
        "every Prometheus conformance script parses without a format error",
        .enabled(if: conformanceDirectory != nil, "the shared conformance folder is not next to the package"))
    func conformanceFilesParse() throws {
        let directory = try #require(Self.conformanceDirectory)
        var evalCount = 0
        var loadCount = 0
        for name in Self.conformanceFiles {
            let path = "\(directory)/\(name).test"
            let source = try PromQLTestFileError.read(path)
            let script = try PromQLTestScript(source: source, fileName: path)
            #expect(!script.commands.isEmpty, "\(name)")
            for command in script.commands {
                switch command {
                case .eval: evalCount += 1
                case .load: loadCount += 1
                case .clear: break
                }
            }
        }
        // The files hold 1,029 eval commands (853 instant, 173 range, 3 eval_fail) and 123 loads.
        #expect(evalCount == 1029)
        #expect(loadCount == 123)
    }

    @Test("leakwatch's own scripts in fixtures/promql parse", arguments: ["leak_detection", "leak_staleness"])
    func ownScriptsParse(_ name: String) throws {
        let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let path = "\(root)/fixtures/promql/\(name).test"
        let script = try PromQLTestScript(source: try PromQLTestFileError.read(path), fileName: path)
        let evals = script.commands.filter { if case .eval = $0 { true } else { false } }
        #expect(evals.count >= 7)
    }

    @Test(
        "conformance snippets parse into the expected shapes",
        .enabled(if: conformanceDirectory != nil, "the shared conformance folder is not next to the package"))
    func conformanceShapes() throws {
        let directory = try #require(Self.conformanceDirectory)
        let source = try PromQLTestFileError.read("\(directory)/staleness.test")
        let script = try PromQLTestScript(source: source, fileName: "staleness.test")
        guard case .load(let load) = script.commands[0] else {
            Issue.record("staleness.test starts with a load")
            return
        }
        #expect(load.interval == 10_000)
        #expect(load.series[0].values?.map(\.isStale) == [false, false, true, false])
        guard case .eval(let eval) = script.commands[1] else { return }
        #expect(eval.expression == "metric")
        #expect(eval.timing == .instant(at: 10_000))
        #expect(eval.expectedSeries.first?.metric == #"{__name__="metric"}"#)
    }
}

/// Whether a path exists, without Foundation.
enum PromQLTestFileErrorProbe {
    static func exists(_ path: String) -> Bool {
        (try? PromQLTestFileError.read(path + "/README.md")) != nil
    }
}
