import OTLP
import Testing
import TimeSeries

/// The request builder used by the load generator and end-to-end tests encodes what the decoder reads back.
struct OTLPRequestBuilderTests {
    @Test func builtRequestsTranslateToTheSamePoints() throws {
        var builder = OTLPRequestBuilder(resource: [("service.name", "checkout"), ("host.name", "node-1")])
        builder.addGauge(
            "process.memory.rss",
            [
                OTLPRequestBuilder.Point(attributes: [("pod", "a")], timestamp: 1_000, value: 4_096),
                OTLPRequestBuilder.Point(attributes: [("pod", "b")], timestamp: 2_000, value: 0, noRecordedValue: true),
            ])
        let request = try OTLPDecoder.decodeMetrics(builder.encoded(), encoding: .protobuf)
        #expect(request.dataPointCount == 2)
        let translation = MetricsTranslator().translate(request)
        #expect(translation.rejectedDataPoints == 0)
        let byPod = Dictionary(uniqueKeysWithValues: translation.series.map { ($0.labels["pod"] ?? "", $0) })
        #expect(byPod["a"]?.labels.metricName == "process_memory_rss")
        #expect(byPod["a"]?.labels["service_name"] == "checkout")
        #expect(byPod["a"]?.labels["host_name"] == "node-1")
        #expect(byPod["a"]?.samples == [Sample(timestamp: 1_000, value: 4_096)])
        #expect(byPod["b"]?.samples.first?.isStale == true)
    }
}
