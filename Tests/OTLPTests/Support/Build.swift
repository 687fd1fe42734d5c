import OTLP

/// Shorthands for building requests in tests.
enum Build {
    /// A request with one resource, one scope and the given metrics.
    static func request(resource: [KeyValue] = [], _ metrics: [MetricsRequest.Metric]) -> MetricsRequest {
        MetricsRequest(resourceMetrics: [
            .init(resource: Resource(attributes: resource), scopeMetrics: [.init(metrics: metrics)])
        ])
    }

    /// A string attribute.
    static func attribute(_ key: String, _ value: String) -> KeyValue {
        KeyValue(key: key, value: .string(value))
    }

    /// A gauge with one point at `time` ns.
    static func gauge(
        _ name: String, unit: String = "", value: Double, attributes: [KeyValue] = [],
        time: UInt64 = 1_700_000_000_000_000_000, flags: MetricsRequest.DataPointFlags = []
    ) -> MetricsRequest.Metric {
        MetricsRequest.Metric(
            name: name, unit: unit,
            data: .gauge(
                .init(dataPoints: [
                    .init(attributes: attributes, timeUnixNano: time, value: .double(value), flags: flags)
                ])))
    }

    /// A sum with the given points.
    static func sum(
        _ name: String, unit: String = "", monotonic: Bool = true,
        temporality: MetricsRequest.AggregationTemporality = .cumulative,
        _ points: [MetricsRequest.NumberDataPoint]
    ) -> MetricsRequest.Metric {
        MetricsRequest.Metric(
            name: name, unit: unit,
            data: .sum(
                .init(
                    dataPoints: points,
                    aggregationTemporality: temporality, isMonotonic: monotonic)))
    }
}
