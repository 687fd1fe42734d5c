import OTLP
import Testing
import TimeSeries

/// Metric and label names in both naming modes (reference/otlp.md §6.2–6.4).
@Suite("Naming")
struct NamingTests {
    enum Kind {
        case gauge, counter, upDownCounter, histogram, summary
    }

    static func metric(_ name: String, unit: String, kind: Kind) -> MetricsRequest.Metric {
        let time: UInt64 = 1_700_000_000_000_000_000
        let number = MetricsRequest.NumberDataPoint(timeUnixNano: time, value: .int(1))
        switch kind {
        case .gauge:
            return MetricsRequest.Metric(name: name, unit: unit, data: .gauge(.init(dataPoints: [number])))
        case .counter:
            return Build.sum(name, unit: unit, monotonic: true, [number])
        case .upDownCounter:
            return Build.sum(name, unit: unit, monotonic: false, [number])
        case .histogram:
            return MetricsRequest.Metric(
                name: name, unit: unit,
                data: .histogram(
                    .init(
                        dataPoints: [.init(timeUnixNano: time, count: 1)], aggregationTemporality: .cumulative)))
        case .summary:
            return MetricsRequest.Metric(
                name: name, unit: unit,
                data: .summary(
                    .init(
                        dataPoints: [.init(timeUnixNano: time, count: 1)])))
        }
    }

    /// The metric names a metric translates to under `naming`; empty when it is rejected.
    static func names(
        _ name: String, unit: String = "", kind: Kind = .gauge,
        naming: TranslationOptions.Naming
    ) -> Set<String> {
        var options = TranslationOptions()
        options.naming = naming
        let request = Build.request([metric(name, unit: unit, kind: kind)])
        return Set(MetricsTranslator(options: options).translate(request).series.compactMap(\.labels.metricName))
    }

    @Test(
        "default naming escapes without suffixes",
        arguments: [
            ("process.runtime.nodejs.memory.heap_used", "process_runtime_nodejs_memory_heap_used"),
            ("http.server.request.duration", "http_server_request_duration"),
            ("already_valid:name", "already_valid:name"),
            ("a..b", "a_b"),
            ("a._b", "a__b"),
            ("a__b", "a__b"),
            (".leading.and.trailing.", "leading_and_trailing"),
            ("123metric", "_123metric"),
            ("metric@with#special$chars", "metric_with_special_chars"),
            ("héllo wörld", "h_llo_w_rld"),
            ("_", "_"),
        ])
    func defaultNaming(name: String, expected: String) {
        #expect(NamingTests.names(name, unit: "s", kind: .counter, naming: .underscores) == [expected])
    }

    @Test("names with nothing usable left are rejected", arguments: ["", "...", "ü", "  "])
    func unusableNames(name: String) {
        let translation = MetricsTranslator(options: TranslationOptions()).translate(
            Build.request([NamingTests.metric(name, unit: "", kind: .gauge)]))
        #expect(translation.series.isEmpty)
        #expect(translation.rejectedDataPoints == 1)
        #expect(translation.messages == ["metric \"\(name)\": the name leaves no valid Prometheus metric name"])
    }

    @Test(
        "prometheus naming adds unit, per-unit, total and ratio suffixes",
        arguments: [
            ("http.server.request.duration", "s", Kind.histogram, "http_server_request_duration_seconds_count"),
            ("process.cpu.time", "s", .counter, "process_cpu_time_seconds_total"),
            ("system.memory.usage", "By", .gauge, "system_memory_usage_bytes"),
            ("system.cpu.utilization", "1", .gauge, "system_cpu_utilization_ratio"),
            ("items", "1", .counter, "items_total"),
            ("http.server.active_requests", "{request}", .upDownCounter, "http_server_active_requests"),
            ("requests", "1/s", .gauge, "requests_per_second"),
            ("throughput", "By/s", .gauge, "throughput_bytes_per_second"),
            ("custom_metric", "By/{custom}", .gauge, "custom_metric_bytes"),
            ("custom_metric", "custom_unit", .gauge, "custom_metric_custom_unit"),
            ("response_time_seconds", "s", .gauge, "response_time_seconds"),
            ("cpu_seconds_total", "s", .counter, "cpu_seconds_total"),
            ("123metric", "", .gauge, "_123metric"),
            ("metric@with#special$chars", "", .gauge, "metric_with_special_chars"),
            ("requests.total.count", "", .counter, "requests_count_total"),
            ("speed", "m/m", .gauge, "speed_meters_per_minute"),
            ("ratio.of.things", "1", .gauge, "of_things_ratio"),
            ("up.down", "1", .upDownCounter, "up_down"),
            ("rpc.latency", "ms", .summary, "rpc_latency_milliseconds_count"),
            ("disk", " KiBy ", .gauge, "disk_kibibytes"),
        ])
    func prometheusNaming(name: String, unit: String, kind: Kind, expected: String) {
        #expect(NamingTests.names(name, unit: unit, kind: kind, naming: .prometheus).contains(expected))
    }

    /// The labels (without resource labels) a point with `attributes` gets.
    static func labels(_ attributes: [KeyValue]) -> Translation {
        MetricsTranslator(options: TranslationOptions()).translate(
            Build.request([Build.gauge("m", value: 1, attributes: attributes)]))
    }

    @Test(
        "attribute keys become label names",
        arguments: [
            ("http.request.method", "http_request_method"),
            ("http.response.status_code", "http_response_status_code"),
            ("123x", "key_123x"),
            ("a..b", "a__b"),
            ("_private", "_private"),
            ("ünï", "_n_"),
            ("Upper.Case", "Upper_Case"),
        ])
    func labelNames(key: String, expected: String) {
        let translation = NamingTests.labels([Build.attribute(key, "v")])
        #expect(translation.series.first?.labels == ["__name__": "m", expected: "v"])
    }

    @Test func keysWithoutAUsableLabelNameRejectThePoint() {
        for key in ["", "...", "__", "__name__", "__reserved"] {
            let translation = NamingTests.labels([Build.attribute(key, "v"), Build.attribute("ok", "1")])
            #expect(translation.series.isEmpty, "\(key)")
            #expect(translation.rejectedDataPoints == 1, "\(key)")
        }
        let empty = NamingTests.labels([Build.attribute("...", "v")])
        #expect(empty.messages == ["metric \"m\": attribute \"...\" gives no valid label name"])
        let reserved = NamingTests.labels([Build.attribute("__name__", "v")])
        #expect(reserved.messages == ["metric \"m\": attribute \"__name__\" maps to reserved label __name__"])
    }

    @Test func collidingLabelNamesJoinValuesInKeyOrder() {
        let forward = NamingTests.labels([
            Build.attribute("a.b", "dot"), Build.attribute("a_b", "underscore"),
            Build.attribute("a-b", "dash"),
        ])
        let backward = NamingTests.labels([
            Build.attribute("a_b", "underscore"), Build.attribute("a-b", "dash"),
            Build.attribute("a.b", "dot"),
        ])
        // "a-b" < "a.b" < "a_b" in byte order.
        let expected: Labels = ["__name__": "m", "a_b": "dash;dot;underscore"]
        #expect(forward.series.first?.labels == expected)
        #expect(backward.series.first?.labels == expected)
    }

    @Test(
        "attribute values become label values",
        arguments: [
            (AnyValue.string("text"), "text"),
            (.bool(true), "true"),
            (.bool(false), "false"),
            (.int(-42), "-42"),
            (.double(0.1), "0.1"),
            (.double(2), "2"),
            (.double(123456789.5), "123456789.5"),
            (.double(1e20), "100000000000000000000"),
            (.double(1e21), "1e+21"),
            (.double(1.5e-7), "1.5e-07"),
            (.double(0.000001), "0.000001"),
            (.double(-0.0), "-0"),
            (.double(.nan), "NaN"),
            (.double(.infinity), "Infinity"),
            (.double(-.infinity), "-Infinity"),
            (.bytes([0, 255, 16]), "AP8Q"),
            (.bytes([1]), "AQ=="),
            (.array([.string("a\"b"), .int(1), .bool(false), .empty, .double(.nan)]), #"["a\"b",1,false,null,"NaN"]"#),
            (
                .keyValueList([
                    KeyValue(key: "z", value: .int(1)), KeyValue(key: "a", value: .array([])),
                    KeyValue(key: "z", value: .int(2)),
                ]), #"{"a":[],"z":2}"#
            ),
        ])
    func attributeValues(value: AnyValue, expected: String) {
        let translation = NamingTests.labels([KeyValue(key: "v", value: value)])
        #expect(translation.series.first?.labels["v"] == expected)
    }

    @Test func emptyValuesLeaveTheLabelOut() {
        let translation = NamingTests.labels([KeyValue(key: "a", value: .empty), Build.attribute("b", "")])
        #expect(translation.series.first?.labels == ["__name__": "m"])
    }
}
