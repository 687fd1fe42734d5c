import OTLP
import Testing
import TimeSeries

/// The OTLP/JSON reader: every accepted spelling, value forms, and errors.
@Suite("JSON decoder")
struct JSONDecoderTests {
    static func decode(_ text: String, limits: OTLPDecodeLimits = .init()) throws(OTLPDecodeError)
        -> MetricsRequest
    {
        try OTLPDecoder.decodeMetrics(Array(text.utf8), encoding: .json, limits: limits)
    }

    static func error(_ text: String, limits: OTLPDecodeLimits = .init()) -> OTLPDecodeError? {
        do {
            _ = try decode(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A request with one metric given as a JSON object.
    static func metric(_ json: String) -> String {
        #"{"resourceMetrics":[{"scopeMetrics":[{"metrics":[\#(json)]}]}]}"#
    }

    static func onlyMetric(_ text: String) throws -> MetricsRequest.Metric {
        try #require(try decode(text).resourceMetrics.first?.scopeMetrics.first?.metrics.first)
    }

    @Test("random requests survive every JSON spelling", arguments: [false, true], [false, true])
    func randomRoundTrips(snakeCase: Bool, int64AsNumbers: Bool) throws {
        var requests = RandomRequests(seed: 0x5EED_0002)
        for enumNames in [false, true] {
            let encoder = JSONRequestEncoder(
                snakeCase: snakeCase, int64AsNumbers: int64AsNumbers,
                enumNames: enumNames)
            for _ in 0..<150 {
                let request = requests.request()
                #expect(try OTLPDecoder.decodeMetrics(encoder.encode(request), encoding: .json) == request)
            }
        }
    }

    @Test func specificationExampleDecodesAndTranslates() throws {
        let text = #"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name",
            "value":{"stringValue":"my.service"}}]},"scopeMetrics":[{"scope":{"name":"my.library",
            "version":"1.0.0"},"metrics":[{"name":"my.counter","unit":"1",
            "sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{"asDouble":5,
            "startTimeUnixNano":"1544712660300000000","timeUnixNano":"1544712660300000000"}]}},
            {"name":"my.histogram","histogram":{"aggregationTemporality":2,"dataPoints":[{"count":"2","sum":2,
            "bucketCounts":["1","1"],"explicitBounds":[1],"timeUnixNano":"1544712660300000000"}]}}]}]}]}
            """#
        let translation = MetricsTranslator(options: TranslationOptions()).translate(try JSONDecoderTests.decode(text))
        #expect(translation.rejectedDataPoints == 0)
        let resource = ["service_name": "my.service", "job": "my.service"]
        func labels(_ name: String, _ extra: [String: String] = [:]) -> Labels {
            Labels(resource.merging(["__name__": name]) { $1 }.merging(extra) { $1 })
        }
        let time: Int64 = 1_544_712_660_300
        #expect(
            translation.samplesByLabels == [
                labels("my_counter"): Sample(timestamp: time, value: 5),
                labels("my_histogram_bucket", ["le": "1"]): Sample(timestamp: time, value: 1),
                labels("my_histogram_bucket", ["le": "+Inf"]): Sample(timestamp: time, value: 2),
                labels("my_histogram_sum"): Sample(timestamp: time, value: 2),
                labels("my_histogram_count"): Sample(timestamp: time, value: 2),
            ])
    }

    @Test func sixtyFourBitIntegersAreExactAsNumbersOrStrings() throws {
        let metric = try JSONDecoderTests.onlyMetric(
            JSONDecoderTests.metric(
                #"""
                {"gauge":{"dataPoints":[
                  {"timeUnixNano":1700000000000000001,"asInt":-9223372036854775808},
                  {"time_unix_nano":"18446744073709551615","as_int":"9223372036854775807"},
                  {"timeUnixNano":1e3,"asInt":"-5"}]}}
                """#))
        #expect(
            metric.data
                == .gauge(
                    .init(dataPoints: [
                        .init(timeUnixNano: 1_700_000_000_000_000_001, value: .int(.min)),
                        .init(timeUnixNano: .max, value: .int(.max)),
                        .init(timeUnixNano: 1000, value: .int(-5)),
                    ])))
        for bad in [#""18446744073709551616""#, "-1", "1.5", #""12a""#, #""""#, "true"] {
            let text = JSONDecoderTests.metric(#"{"gauge":{"dataPoints":[{"timeUnixNano":\#(bad)}]}}"#)
            let message = JSONDecoderTests.error(text)?.message ?? "decoded"
            #expect(
                message.contains("invalid unsigned 64-bit integer") || message.contains("invalid number"),
                "\(bad): \(message)")
        }
    }

    @Test func doublesAcceptNumbersAndSpecialStrings() throws {
        let metric = try JSONDecoderTests.onlyMetric(
            JSONDecoderTests.metric(
                #"""
                {"gauge":{"dataPoints":[{"asDouble":"NaN"},{"asDouble":"Infinity"},{"asDouble":"-Infinity"},
                {"asDouble":"2.5"},{"asDouble":-0.125e2},{"asDouble":5}]}}
                """#))
        guard case .gauge(let gauge)? = metric.data else {
            Issue.record("expected a gauge")
            return
        }
        let values = gauge.dataPoints.compactMap(\.value?.doubleValue)
        #expect(values.count == 6)
        #expect(values.first?.isNaN == true)
        #expect(Array(values.dropFirst()) == [.infinity, -.infinity, 2.5, -12.5, 5])
        #expect(
            JSONDecoderTests.error(JSONDecoderTests.metric(#"{"gauge":{"dataPoints":[{"asDouble":"nan"}]}}"#))
                != nil)
    }

    @Test func enumsAsNamesOrNumbers() throws {
        for (value, expected) in [
            (#""AGGREGATION_TEMPORALITY_DELTA""#, MetricsRequest.AggregationTemporality.delta),
            (#""AGGREGATION_TEMPORALITY_CUMULATIVE""#, .cumulative),
            (
                #""AGGREGATION_TEMPORALITY_UNSPECIFIED""#,
                .unspecified
            ), ("1", .delta), ("2", .cumulative), (#""2""#, .cumulative), ("7", .init(rawValue: 7)),
        ] {
            let metric = try JSONDecoderTests.onlyMetric(
                JSONDecoderTests.metric(
                    #"{"sum":{"aggregation_temporality":\#(value),"is_monotonic":true}}"#))
            #expect(metric.data == .sum(.init(aggregationTemporality: expected, isMonotonic: true)))
        }
        let unknown = JSONDecoderTests.metric(#"{"histogram":{"aggregationTemporality":"DELTA"}}"#)
        #expect(
            JSONDecoderTests.error(unknown)?.message.contains("unknown aggregation temporality \"DELTA\"")
                == true)
    }

    @Test func nullsUnknownKeysAndRepeatedKeys() throws {
        let metric = try JSONDecoderTests.onlyMetric(
            JSONDecoderTests.metric(
                #"""
                {"name":"first","unit":null,"futureField":{"nested":[1,{"a":[true,false,null]},"x"]},"name":"second",
                 "gauge":{"dataPoints":[{"asDouble":1,"timeUnixNano":null,"exemplars":null,"attributes":[
                   {"key":"k","value":{"stringValue":"v","extra":12}}]}]}}
                """#))
        #expect(metric.name == "second")
        #expect(metric.unit == "")
        #expect(
            metric.data
                == .gauge(
                    .init(dataPoints: [
                        .init(attributes: [KeyValue(key: "k", value: .string("v"))], value: .double(1))
                    ])))
    }

    @Test func stringEscapesAndUnicode() throws {
        let metric = try JSONDecoderTests.onlyMetric(
            JSONDecoderTests.metric(
                #"{"name":"caf\u00e9 \ud83d\ude80 \"q\" \\ \/ \b\f\n\r\t","description":"lone \ud800 x","#
                    + #""unit":"日本"}"#))
        #expect(metric.name == "café 🚀 \"q\" \\ / \u{08}\u{0C}\n\r\t")
        #expect(metric.description == "lone \u{FFFD} x")
        #expect(metric.unit == "日本")
    }

    @Test func bytesAndIds() throws {
        let metric = try JSONDecoderTests.onlyMetric(
            JSONDecoderTests.metric(
                #"""
                {"gauge":{"dataPoints":[{"attributes":[
                  {"key":"std","value":{"bytesValue":"AP8="}},{"key":"url","value":{"bytes_value":"AP8"}},
                  {"key":"urlsafe","value":{"bytesValue":"-_8"}}],
                 "exemplars":[{"spanId":"0102030405060708","traceId":"0102030405060708090A0b0c0d0e0f10"}]}]}}
                """#))
        guard case .gauge(let gauge)? = metric.data, let point = gauge.dataPoints.first else {
            Issue.record("expected a gauge")
            return
        }
        #expect(point.attributes.map(\.value) == [.bytes([0, 255]), .bytes([0, 255]), .bytes([251, 255])])
        #expect(point.exemplars.first?.spanID == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(point.exemplars.first?.traceID == Array(1...16))
        let badID = JSONDecoderTests.metric(#"{"gauge":{"dataPoints":[{"exemplars":[{"spanId":"xyz"}]}]}}"#)
        #expect(JSONDecoderTests.error(badID)?.message.contains("invalid hex id") == true)
        let badBytes = JSONDecoderTests.metric(
            #"{"gauge":{"dataPoints":[{"attributes":[{"key":"b","value":{"bytesValue":"A"}}]}]}}"#)
        #expect(JSONDecoderTests.error(badBytes)?.message.contains("invalid base64") == true)
    }

    @Test(
        "malformed JSON is rejected with a position",
        arguments: [
            ("", "unexpected end of JSON at byte 0"),
            ("   ", "unexpected end of JSON at byte 3"),
            ("[]", "expected an object at byte 0"),
            (#"{"resourceMetrics":[]} x"#, "unexpected data after the JSON value at byte 23"),
            (#"{"resourceMetrics":[],}"#, "expected a string key at byte 22"),
            (#"{"resourceMetrics":[{},]}"#, "expected an object at byte 23"),
            (#"{"resourceMetrics" []}"#, "expected ':' after key at byte 19"),
            (#"{"a":01}"#, "expected ',' or '}' in object at byte 6"),
            (#"{"a":-}"#, "invalid number at byte 5"),
            (#"{"a":"x"#, "unterminated string at byte 7"),
            ("{\"a\":\"\u{01}\"}", "unescaped control character in string at byte 6"),
            (#"{"a":"\x"}"#, "invalid escape"),
            (#"{"a":"\u12"}"#, "\\u escape"),
            (#"{"a":tru}"#, "invalid literal at byte 5"),
            (#"{"a":[1 2]}"#, "expected ',' or ']' in array at byte 8"),
            (#"{"a":{"b":1 "c":2}}"#, "expected ',' or '}' in object at byte 12"),
        ])
    func malformedJSON(text: String, expected: String) {
        let message = JSONDecoderTests.error(text)?.message ?? "decoded"
        #expect(message.contains(expected), "\(message)")
    }

    @Test func invalidUTF8IsRejected() {
        var bytes = Array(#"{"resourceMetrics":[{"schemaUrl":"#.utf8)
        bytes += [0x22, 0x61, 0xC3, 0x28, 0x22, 0x7D, 0x5D, 0x7D]
        do {
            _ = try OTLPDecoder.decodeMetrics(bytes, encoding: .json)
            Issue.record("decoded invalid UTF-8")
        } catch {
            #expect(error.message.contains("invalid UTF-8 in string"))
        }
    }

    @Test func nestingAndCountLimits() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(JSONDecoderTests.error(#"{"x":\#(deep)}"#)?.message.contains("nested deeper than 32 levels") == true)
        var limits = OTLPDecodeLimits()
        limits.maxDataPoints = 1
        let twoPoints = JSONDecoderTests.metric(#"{"gauge":{"dataPoints":[{},{}]}}"#)
        #expect(JSONDecoderTests.error(twoPoints, limits: limits)?.message.contains("more than 1 data points") == true)
        #expect(JSONDecoderTests.error(twoPoints) == nil)
    }
}
