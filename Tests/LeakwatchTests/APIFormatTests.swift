import HTTPServer
import PromQL
import Testing
import TimeSeries

@testable import Leakwatch

/// The number, time and string forms of Prometheus's JSON API (Go's `strconv`, `encoding/json`, `jsonutil`).
struct APIFormatTests {
    @Test(
        arguments: [
            (0.0, "0"), (-0.0, "-0"), (1, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (100, "100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1000000000000000000000"), (1.5e21, "1500000000000000000000"), (1e-7, "0.0000001"),
            (1.25e-7, "0.000000125"), (123_456_789.123, "123456789.123"), (1e16, "10000000000000000"),
            (2.5e-3, "0.0025"), (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
        ] as [(Double, String)])
    func fixedIsGoFormatFloatF(value: Double, expected: String) {
        #expect(GoFloat.fixed(value) == expected)
    }

    @Test func fixedWritesExtremesInFull() {
        let smallest = GoFloat.fixed(.leastNonzeroMagnitude)
        #expect(smallest.hasPrefix("0.000"))
        #expect(smallest.hasSuffix("05"))
        #expect(smallest.count == 2 + 323 + 1)
        let largest = GoFloat.fixed(.greatestFiniteMagnitude)
        #expect(largest.hasPrefix("17976931348623157"))
        #expect(largest.count == 309)
        #expect(largest.dropFirst(17).allSatisfy { $0 == "0" })
    }

    @Test(
        arguments: [
            (1e21, "1e+21"), (1.5e-7, "1.5e-07"), (0.0, "0e+00"), (123, "1.23e+02"), (.leastNonzeroMagnitude, "5e-324"),
            (-2.5e100, "-2.5e+100"), (.nan, "NaN"), (-.infinity, "-Inf"),
        ] as [(Double, String)])
    func exponentIsGoFormatFloatE(value: Double, expected: String) {
        #expect(GoFloat.exponent(value) == expected)
    }

    @Test(
        arguments: [
            (1e21, "1e+21"), (-1e21, "-1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-07"), (1e-6, "0.000001"),
            (9.99e-7, "9.99e-07"), (2.5, "2.5"), (0, "0"), (1_700_000_000_000, "1700000000000"), (.nan, "NaN"),
            (.infinity, "+Inf"),
        ] as [(Double, String)])
    func sampleValuesSwitchToExponentsLikeJsonutil(value: Double, expected: String) {
        #expect(GoFloat.sampleValue(value) == expected)
    }

    @Test(
        arguments: [
            (1_435_781_451.781, "1435781451.781"), (1_435_781_451.78, "1435781451.78"), (0, "0"), (1e-7, "1e-7"),
            (1e21, "1e+21"), (-0.5, "-0.5"),
        ] as [(Double, String)])
    func jsonNumbersAreEncodingJSONFloats(value: Double, expected: String) {
        #expect(GoFloat.jsonNumber(value) == expected)
    }

    @Test(
        arguments: [
            (1_435_781_451_781, "1435781451.781"), (1_435_781_451_780, "1435781451.780"),
            (1_435_781_451_000, "1435781451"), (5, "0.005"), (50, "0.050"), (0, "0"), (-1500, "-1.500"), (-1, "-0.001"),
            (Int64.min, "-9223372036854775.808"),
        ] as [(Int64, String)])
    func timestampsAreMarshalTimestamp(milliseconds: Int64, expected: String) {
        #expect(GoFloat.timestamp(milliseconds: milliseconds) == expected)
    }

    // MARK: - JSON strings

    @Test(arguments: [
        ("plain", #""plain""#), ("a\"b\\c", #""a\"b\\c""#), ("\n\t\r\u{8}\u{c}", #""\n\t\r\b\f""#),
        ("\u{1}\u{1f}", #""\u0001\u001f""#), ("<a href='x'>&", #""\u003ca href='x'\u003e\u0026""#),
        ("\u{2028}|\u{2029}", #""\u2028|\u2029""#), ("héllo 日本 🎉 \u{7f}", "\"héllo 日本 🎉 \u{7f}\""),
        ("", #""""#),
    ])
    func stringsAreEscapedLikeGo(value: String, expected: String) {
        var writer = JSONWriter()
        writer.string(value)
        #expect(writer.text == expected)
    }

    @Test func labelObjectsAreSortedByNameBytes() {
        var writer = JSONWriter()
        writer.labels(["b": "1", "a": "x\"y", "__name__": "up"])
        #expect(writer.text == #"{"__name__":"up","a":"x\"y","b":"1"}"#)
        // A decomposed é (e + U+0301) sorts by its bytes, before the precomposed é Swift would order by meaning.
        var unicode = JSONWriter()
        unicode.labels(Labels([Label(name: "\u{e9}a", value: "1"), Label(name: "e\u{301}x", value: "2")]))
        #expect(unicode.text == "{\"e\u{301}x\":\"2\",\"\u{e9}a\":\"1\"}")
        var empty = JSONWriter()
        empty.labels(.empty)
        #expect(empty.text == "{}")
    }

    // MARK: - Results and envelopes

    @Test func vectorResult() {
        let value = QueryValue.vector(
            timestamp: 1_435_781_451_781,
            samples: [
                InstantSample(labels: ["__name__": "up", "job": "api"], timestamp: 1_435_781_451_781, value: 1),
                InstantSample(labels: .empty, timestamp: 1_435_781_451_781, value: .nan),
            ])
        var writer = JSONWriter()
        writer.queryData(value)
        #expect(
            writer.text
                == #"{"resultType":"vector","result":["#
                + #"{"metric":{"__name__":"up","job":"api"},"value":[1435781451.781,"1"]},"#
                + #"{"metric":{},"value":[1435781451.781,"NaN"]}]}"#)
    }

    @Test func matrixResultOmitsValuesOfAnEmptySeries() {
        let value = QueryValue.matrix([
            Series(
                labels: ["a": "b"],
                samples: [Sample(timestamp: 1000, value: 1e-7), Sample(timestamp: 1500, value: .infinity)]),
            Series(labels: ["a": "c"], samples: []),
        ])
        var writer = JSONWriter()
        writer.queryData(value)
        #expect(
            writer.text
                == #"{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1,"1e-07"],[1.500,"+Inf"]]},"#
                + #"{"metric":{"a":"c"}}]}"#)
    }

    @Test func scalarAndStringResultsUseEncodingJSONTimesAndPlainValues() {
        var scalar = JSONWriter()
        scalar.queryData(.scalar(timestamp: 1_435_781_451_780, value: 1e21))
        #expect(scalar.text == #"{"resultType":"scalar","result":[1435781451.78,"1000000000000000000000"]}"#)
        var string = JSONWriter()
        string.queryData(.string(timestamp: 1000, value: "a\"b"))
        #expect(string.text == #"{"resultType":"string","result":[1,"a\"b"]}"#)
        var empty = JSONWriter()
        empty.queryData(.vector(timestamp: 0, samples: []))
        #expect(empty.text == #"{"resultType":"vector","result":[]}"#)
    }

    @Test func envelopes() {
        let success = APIEnvelope.success(data: Array("[]".utf8), warnings: [])
        #expect(String(decoding: success, as: UTF8.self) == #"{"status":"success","data":[]}"#)
        let warned = APIEnvelope.success(data: Array("{}".utf8), warnings: ["results truncated due to limit"])
        #expect(
            String(decoding: warned, as: UTF8.self)
                == #"{"status":"success","data":{},"warnings":["results truncated due to limit"]}"#)
        let failure = APIEnvelope.error(.invalidParameter("step", "cannot parse \"x\" to a valid duration"))
        #expect(
            String(decoding: failure, as: UTF8.self)
                == #"{"status":"error","errorType":"bad_data","#
                + #""error":"invalid parameter \"step\": cannot parse \"x\" to a valid duration"}"#
        )
    }

    @Test func errorKindsMapToPrometheusStatusCodes() {
        #expect(APIError(QueryError(.parse, "1:5: parse error: x")).status == 400)
        #expect(
            APIError(QueryError(.parse, "1:5: parse error: x")).message
                == #"invalid parameter "query": 1:5: parse error: x"#)
        #expect(APIError(QueryError.tooManySamples).status == 422)
        #expect(APIError(QueryError.tooManySamples).kind == .execution)
        #expect(APIError(QueryError.timedOut).status == 503)
        #expect(APIError(QueryError.timedOut).kind.rawValue == "timeout")
        #expect(APIError(QueryError(.storage, "disk")).status == 500)
        #expect(APIError(QueryError(.storage, "disk")).kind.rawValue == "internal")
        #expect(APIError(.unavailable, "busy").status == 503)
    }

    @Test func gzipIsUsedOnlyWhenAcceptedAndWorthIt() {
        #expect(APIEnvelope.acceptsGzip("gzip, deflate"))
        #expect(APIEnvelope.acceptsGzip("deflate, gzip;q=0.5"))
        #expect(APIEnvelope.acceptsGzip("*"))
        #expect(!APIEnvelope.acceptsGzip("gzip;q=0"))
        #expect(!APIEnvelope.acceptsGzip("identity"))
        #expect(!APIEnvelope.acceptsGzip(nil))
        let small = APIEnvelope.response(status: 200, body: Array("{}".utf8), acceptEncoding: "gzip")
        #expect(small.headers["Content-Encoding"] == nil)
        let large = APIEnvelope.response(
            status: 200, body: Array(repeating: UInt8(ascii: "a"), count: 4096), acceptEncoding: "gzip")
        #expect(large.headers["Content-Encoding"] == "gzip")
        #expect(large.body.count < 4096)
    }
}
