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
        var resource = ProtoWriter()
        for (key, value) in resourceAttributes { resource.message(1, OTLPRequestBuilder.keyValue(key, value)) }
        var scope = ProtoWriter()
        for metric in metrics {
            var gauge = ProtoWriter()
            for point in metric.points {
                var dataPoint = ProtoWriter()
                dataPoint.fixed64(3, UInt64(point.timestamp) &* 1_000_000)
                dataPoint.fixed64(4, point.value.bitPattern)
                for (key, value) in point.attributes { dataPoint.message(7, OTLPRequestBuilder.keyValue(key, value)) }
                if point.noRecordedValue { dataPoint.varint(8, 1) }
                gauge.message(1, dataPoint.bytes)
            }
            var encodedMetric = ProtoWriter()
            encodedMetric.string(1, metric.name)
            encodedMetric.message(5, gauge.bytes)
            scope.message(2, encodedMetric.bytes)
        }
        var resourceMetrics = ProtoWriter()
        resourceMetrics.message(1, resource.bytes)
        resourceMetrics.message(2, scope.bytes)
        var request = ProtoWriter()
        request.message(1, resourceMetrics.bytes)
        return request.bytes
    }

    private static func keyValue(_ key: String, _ value: String) -> [UInt8] {
        var anyValue = ProtoWriter()
        anyValue.string(1, value)
        var keyValue = ProtoWriter()
        keyValue.string(1, key)
        keyValue.message(2, anyValue.bytes)
        return keyValue.bytes
    }
}

/// A minimal protobuf writer: varint, fixed64, length-delimited fields.
private struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func tag(_ field: Int, _ wireType: Int) {
        rawVarint(UInt64(field << 3 | wireType))
    }

    mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, 0)
        rawVarint(value)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func message(_ field: Int, _ payload: [UInt8]) {
        tag(field, 2)
        rawVarint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    mutating func string(_ field: Int, _ value: String) {
        message(field, Array(value.utf8))
    }
}
