import Testing
import TimeSeries

@testable import PromQL

@Suite("Series descriptions and selectors")
struct MetricParserTests {
    @Test("series descriptions become label sets")
    func metrics() throws {
        #expect(
            try PromQLParser.parseMetric(#"http_requests{job="api-server", instance="0", group="production"}"#)
                == Labels([
                    "__name__": "http_requests", "job": "api-server", "instance": "0", "group": "production",
                ]))
        #expect(try PromQLParser.parseMetric("my_metric") == Labels(["__name__": "my_metric"]))
        #expect(try PromQLParser.parseMetric("my_metric{}") == Labels(["__name__": "my_metric"]))
        #expect(try PromQLParser.parseMetric("job:rate5m{a=\"b\",}") == Labels(["__name__": "job:rate5m", "a": "b"]))
        #expect(try PromQLParser.parseMetric(#"{__name__="m", a="b"}"#) == Labels(["__name__": "m", "a": "b"]))
        #expect(try PromQLParser.parseMetric(#"{a="b"}"#) == Labels(["a": "b"]))
        #expect(
            try PromQLParser.parseMetric(#"{"http.requests", "service.name"="api-server"}"#)
                == Labels(["__name__": "http.requests", "service.name": "api-server"]))
        #expect(try PromQLParser.parseMetric(#"my_metric{a="\u70ac = torch"}"#)["a"] == "炬 = torch")
        #expect(try PromQLParser.parseMetric("sum{offset='x'}") == Labels(["__name__": "sum", "offset": "x"]))
        // The name before the braces wins over a __name__ inside them.
        #expect(try PromQLParser.parseMetric(#"foo{__name__="bar"}"#).metricName == "foo")
        #expect(try PromQLParser.parseMetric("") == Labels.empty)
    }

    @Test("malformed series descriptions fail with Prometheus's messages")
    func metricErrors() {
        let cases: [(String, String)] = [
            (
                #"{"http.requests"xx}"#,
                #"1:17: parse error: unexpected identifier "xx" in label set, expected "," or "}""#
            ),
            (#"{"http.requests"=, x="y"}"#, #"1:18: parse error: unexpected "," in label set, expected string"#),
            (#"{"http.requests}"#, "1:2: parse error: unterminated quoted string"),
            (#"{a!="b"}"#, #"1:3: parse error: unexpected <op:!=> in label set, expected "=""#),
            (#"{a=~"b"}"#, #"1:3: parse error: unexpected <op:=~> in label set, expected "=""#),
            ("{,}", #"1:2: parse error: unexpected "," in label set, expected identifier or "}""#),
            (
                #"up{job="prometheus", instance="localhost:9090""#,
                "1:47: parse error: unexpected end of input inside braces"
            ),
            (#"up{job="a"} 1"#, #"1:13: parse error: unexpected number "1""#),
            ("1", #"1:1: parse error: unexpected number "1""#),
            ("foo bar", #"1:5: parse error: unexpected identifier "bar""#),
        ]
        for (text, message) in cases {
            do {
                _ = try PromQLParser.parseMetric(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
    }

    @Test("selectors become matchers, the written name first")
    func matchers() throws {
        #expect(
            try PromQLParser.parseMatchers(#"up{job=~"a.*", instance!=""}"#) == [
                Matcher.metricName("up"), try Matcher(.regexMatch, "job", "a.*"),
                try Matcher(.notEqual, "instance", ""),
            ])
        #expect(try PromQLParser.parseMatchers("up") == [Matcher.metricName("up")])
        #expect(
            try PromQLParser.parseMatchers(#"{__name__=~"up|down", "a.b"="c"}"#) == [
                try Matcher(.regexMatch, "__name__", "up|down"), try Matcher(.equal, "a.b", "c"),
            ])
        #expect(try PromQLParser.parseMatchers("offset") == [Matcher.metricName("offset")])
    }

    @Test("selectors that are not plain, or select everything, are refused")
    func matcherErrors() {
        let cases: [(String, String)] = [
            (#"{job=~".*"}"#, "1:1: parse error: vector selector must contain at least one non-empty matcher"),
            ("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
            ("up[5m]", #"1:3: parse error: unexpected "[""#),
            ("up offset 5m", "1:4: parse error: unexpected <offset>"),
            ("up + 1", "1:4: parse error: unexpected <op:+>"),
            ("rate(up)", #"1:5: parse error: unexpected "(""#),
            ("", "unknown position: parse error: unexpected end of input"),
            ("1", #"1:1: parse error: unexpected number "1""#),
            (#"up{job=~"("}"#, "1:4: parse error: error parsing regexp: missing closing ): `(`"),
        ]
        for (text, message) in cases {
            do {
                _ = try PromQLParser.parseMatchers(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
    }
}
