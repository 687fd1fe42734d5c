/// A decoded OTLP `ExportMetricsServiceRequest` (`collector.metrics.v1`), whose wire layout equals `MetricsData`.
///
/// The nested types mirror the messages of `metrics/v1/metrics.proto` one to one; field comments give the protobuf
/// field numbers. Values are kept as sent: validation happens in `MetricsTranslator`, so a request that decodes can
/// still have points that are rejected there.
public struct MetricsRequest: Sendable, Hashable {
    /// The metrics grouped by resource (field 1).
    public var resourceMetrics: [ResourceMetrics]

    /// Creates a request.
    public init(resourceMetrics: [ResourceMetrics] = []) {
        self.resourceMetrics = resourceMetrics
    }

    /// The number of data points of every kind in the request.
    public var dataPointCount: Int {
        var total = 0
        for resource in resourceMetrics {
            for scope in resource.scopeMetrics {
                for metric in scope.metrics { total += metric.data?.dataPointCount ?? 0 }
            }
        }
        return total
    }
}

extension MetricsRequest {
    /// The metrics of one resource: `ResourceMetrics`.
    public struct ResourceMetrics: Sendable, Hashable {
        /// The producing resource (field 1); absent means unknown, which decodes as an empty resource.
        public var resource: Resource
        /// The metrics grouped by instrumentation scope (field 2; the pre-1.0 field 1000 is read into it as well).
        public var scopeMetrics: [ScopeMetrics]
        /// The schema URL of the resource (field 3).
        public var schemaURL: String

        /// Creates the metrics of one resource.
        public init(resource: Resource = Resource(), scopeMetrics: [ScopeMetrics] = [], schemaURL: String = "") {
            self.resource = resource
            self.scopeMetrics = scopeMetrics
            self.schemaURL = schemaURL
        }
    }

    /// The metrics of one instrumentation scope: `ScopeMetrics`.
    public struct ScopeMetrics: Sendable, Hashable {
        /// The instrumentation scope (field 1).
        public var scope: InstrumentationScope
        /// The metrics (field 2).
        public var metrics: [Metric]
        /// The schema URL of the scope (field 3).
        public var schemaURL: String

        /// Creates the metrics of one scope.
        public init(
            scope: InstrumentationScope = InstrumentationScope(), metrics: [Metric] = [],
            schemaURL: String = ""
        ) {
            self.scope = scope
            self.metrics = metrics
            self.schemaURL = schemaURL
        }
    }
}
