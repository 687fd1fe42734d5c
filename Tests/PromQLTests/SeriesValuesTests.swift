import Testing
import TimeSeries

@testable import PromQL

@Suite("Series values in expanding notation")
struct SeriesValuesTests {
    private func floats(_ text: String) throws -> [Double?] {
        try SeriesValues.parse(text).map(\.float)
    }

    @Test("plain numbers, signs, exponents, underscores and special values")
    func numbers() throws {
        #expect(try floats("1 2 3") == [1, 2, 3])
        #expect(try floats("+1 -1 .5 5. 1e3 1.5e-3 1_000") == [1, -1, 0.5, 5, 1000, 0.0015, 1000])
        let special = try SeriesValues.parse("Inf -Inf +inf NaN nan")
        #expect(special.map(\.float?.isInfinite) == [true, true, true, false, false])
        #expect(special[1].float == -.infinity)
        #expect(special[3].float?.isNaN == true && special[4].float?.isNaN == true)
        #expect(special[3].float?.bitPattern == Sample.normalNaNBits)
        #expect(special[3].isStale == false)
    }

    @Test("a leading zero is octal, as Go's ParseInt with base 0 reads it")
    func octal() throws {
        #expect(try floats("010 08 0") == [8, 8, 0])
    }

    @Test("hexadecimal is not a number in series values: 0x3 is 0 repeated")
    func noHex() throws {
        #expect(try floats("0x3") == [0, 0, 0, 0])
    }

    @Test("a+bxn and a-bxn give n+1 values")
    func ramps() throws {
        #expect(try floats("1+2x3") == [1, 3, 5, 7])
        #expect(try floats("1-2x3") == [1, -1, -3, -5])
        #expect(try floats("-2+4x3") == [-2, 2, 6, 10])
        #expect(try floats("10+10x2 30+20x5") == [10, 20, 30, 30, 50, 70, 90, 110, 130])
        #expect(try floats("0+10x0") == [0])
    }

    @Test("ramps add the step repeatedly, so float results match Prometheus bit for bit")
    func accumulation() throws {
        let values = try floats("1+0.1x3").map { $0! }
        var expected: [Double] = []
        var value = 1.0
        for _ in 0...3 {
            expected.append(value)
            value += 0.1
        }
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(values[2] == 1.2000000000000002)
        #expect(values[3] == 1.3000000000000003)
        #expect(values[3] != 1 + 3 * 0.1)
    }

    @Test("axn gives n+1 copies")
    func repetition() throws {
        #expect(try floats("1x3") == [1, 1, 1, 1])
        #expect(try floats("0x10").count == 11)
        #expect(try floats("-1x2") == [-1, -1, -1])
    }

    @Test("_ is one omitted slot and _xn is n slots")
    func omitted() throws {
        #expect(try SeriesValues.parse("1 _ 3") == [.value(1), .omitted, .value(3)])
        #expect(try SeriesValues.parse("_x3") == [.omitted, .omitted, .omitted])
        #expect(try SeriesValues.parse("_x0") == [])
    }

    @Test("stale is the staleness marker, distinct from NaN")
    func stale() throws {
        let values = try SeriesValues.parse("0 1 stale 2")
        #expect(values[2].isStale)
        #expect(values[2].float?.bitPattern == Sample.staleNaNBits)
        #expect(values[2] != .value(.nan))
        #expect(values.map(\.description) == ["0", "1", "stale", "2"])
    }

    @Test("whitespace of any length separates items")
    func whitespace() throws {
        #expect(try floats("  1\t\t2   3  ") == [1, 2, 3])
        #expect(try floats("") == [])
    }

    @Test(
        "malformed items are syntax errors",
        arguments: [
            "stalex3", "1+2", "1x", "1x1.5", "a", "1 + 2x3", "--1", "1x2x3", "1e", "Infx3", "_+1x2", "1,2", "x3",
        ])
    func malformed(_ text: String) {
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse(text) }
        do {
            _ = try SeriesValues.parse(text)
        } catch {
            #expect(error.kind == .syntax)
        }
    }

    @Test("the repetition count must be a plain integer")
    func invalidRepetition() {
        do {
            _ = try SeriesValues.parse("1x1.5")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("invalid repetition in series values"))
        }
    }

    @Test("an unknown character is reported like Prometheus's lexer")
    func unexpectedCharacter() {
        do {
            _ = try SeriesValues.parse("1 2 ,")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unexpected character in series sequence: \",\"")
        }
    }

    @Test("native histograms are refused with their own error kind")
    func nativeHistograms() {
        for text in ["{{schema:1 sum:3 count:22 buckets:[5 10 7]}}", "1 {{count:0}}+{{count:1}}x4", "{{}}x3"] {
            do {
                _ = try SeriesValues.parse(text)
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error == .nativeHistogram)
                #expect(error.description == "native histograms are not supported")
            }
        }
    }
}

@Suite("Series description lines")
struct SeriesDescriptionTests {
    @Test("metric, labels and values are split; the labels text is kept as written")
    func split() throws {
        let line = try SeriesDescription.parse(#"http_requests{job="api-server", instance="0"} 0+10x2"#)
        #expect(line.metric == #"http_requests{job="api-server", instance="0"}"#)
        #expect(line.values == [.value(0), .value(10), .value(20)])
    }

    @Test("label values may hold spaces, braces, commas and escaped quotes")
    func quotedBraces() throws {
        let text = #"{job="{count:20, sum:10, [-2,-1):2}", a="x \"}\" y", b='}', c=`a}b`} 2"#
        let line = try SeriesDescription.parse(text)
        #expect(line.metric == #"{job="{count:20, sum:10, [-2,-1):2}", a="x \"}\" y", b='}', c=`a}b`}"#)
        #expect(line.values == [.value(2)])
    }

    @Test("a bare name, a colon name and an empty label set")
    func names() throws {
        #expect(try SeriesDescription.parse("metric 0 1 stale 2").metric == "metric")
        #expect(
            try SeriesDescription.parse("node_namespace_pod:kube_pod_info:{a=\"b\"} 1").metric
                == "node_namespace_pod:kube_pod_info:{a=\"b\"}")
        #expect(try SeriesDescription.parse("some_metric_with_stale_marker{} 1 _ 3").values.count == 3)
        #expect(try SeriesDescription.parse("{} 1").metric == "{}")
        #expect(try SeriesDescription.parse("metric").values.isEmpty)
    }

    @Test(
        "malformed lines are errors",
        arguments: [
            #"metric{a="b" 1"#, #"metric{a="b} 1"#, "metric-other 1", "{a=\"b\"}1", "1 2 3",
        ])
    func malformed(_ line: String) {
        #expect(throws: SeriesValuesError.self) { try SeriesDescription.parse(line) }
    }

    @Test("histogram values in a line are reported as such")
    func histogram() {
        do {
            _ = try SeriesDescription.parse("some_metric{env=\"3\"} {{count:0}}+{{count:1}}x4")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .nativeHistogram)
        }
    }
}
