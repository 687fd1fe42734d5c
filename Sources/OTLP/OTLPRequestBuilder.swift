/// Builds OTLP `ExportMetricsServiceRequest` protobuf bodies of gauges, for load generation and end-to-end tests.
///
/// Field numbers as in opentelemetry-proto (see `reference/otlp.md` §3): ResourceMetrics 1 resource, 2 scope_metrics;
/// Resource 1 attributes; ScopeMetrics 2 metrics; Metric 1 name, 5 gauge; Gauge 1 data_points; NumberDataPoint
/// 7 attributes, 3 time_unix_nano (fixed64), 4 as_double; KeyValue 1 key, 2 value; AnyValue 1 string_value.
public struct OTLPRequestBuilder: Sendable {
    /// One gauge data point.
    public struct Point: Sendable {
        /// Data-point attributes.
        public var attributes: [(String, String)]
        /// Milliseconds since the epoch.
        public var timestamp: Int64
        /// The value.
        public var value: Double
        /// Set the "no recorded value" flag (a staleness marker).
        public var noRecordedValue: Bool

        /// Creates a point.
        public init(attributes: [(String, String)], timestamp: Int64, value: Double, noRecordedValue: Bool = false) {
            self.attributes = attributes
            self.timestamp = timestamp
            self.value = value
            self.noRecordedValue = noRecordedValue
        }
    }

    private var resourceAttributes: [(String, String)]
    private var metrics: [(name: String, points: [Point])] = []

    /// Starts a request for one resource (e.g. `[("service.name", "checkout")]`).
    public init(resource: [(String, String)]) {
        resourceAttributes = resource
    }

    /// Adds a gauge metric with its points.
    public mutating func addGauge(_ name: String, _ points: [Point]) {
        metrics.append((name, points))
    }

    /// The serialized request.
    public func encoded() -> [UInt8] {
        var resource = ProtobufWriter()
        for (key, value) in resourceAttributes { resource.writeBytesField(1, OTLPRequestBuilder.keyValue(key, value)) }
        var scope = ProtobufWriter()
        for metric in metrics {
            var gauge = ProtobufWriter()
            for point in metric.points {
                var dataPoint = ProtobufWriter()
                dataPoint.writeFixed64Field(3, UInt64(point.timestamp) &* 1_000_000)
                dataPoint.writeFixed64Field(4, point.value.bitPattern)
                for (key, value) in point.attributes {
                    dataPoint.writeBytesField(7, OTLPRequestBuilder.keyValue(key, value))
                }
                if point.noRecordedValue { dataPoint.writeVarintField(8, 1) }
                gauge.writeBytesField(1, dataPoint.bytes)
            }
            var encodedMetric = ProtobufWriter()
            encodedMetric.writeStringField(1, metric.name)
            encodedMetric.writeBytesField(5, gauge.bytes)
            scope.writeBytesField(2, encodedMetric.bytes)
        }
        var resourceMetrics = ProtobufWriter()
        resourceMetrics.writeBytesField(1, resource.bytes)
        resourceMetrics.writeBytesField(2, scope.bytes)
        var request = ProtobufWriter()
        request.writeBytesField(1, resourceMetrics.bytes)
        return request.bytes
    }

    private static func keyValue(_ key: String, _ value: String) -> [UInt8] {
        var anyValue = ProtobufWriter()
        anyValue.writeStringField(1, value)
        var keyValue = ProtobufWriter()
        keyValue.writeStringField(1, key)
        keyValue.writeBytesField(2, anyValue.bytes)
        return keyValue.bytes
    }
}
