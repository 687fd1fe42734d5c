/// Counts what a decoder has built so far against `OTLPDecodeLimits`; shared by the protobuf and JSON readers.
struct DecodeBudget {
    /// The limits being enforced.
    let limits: OTLPDecodeLimits
    /// Data points decoded so far.
    private var dataPoints = 0
    /// Metrics decoded so far.
    private var metrics = 0

    /// Creates an unused budget.
    init(limits: OTLPDecodeLimits) {
        self.limits = limits
    }

    /// Throws when something at nesting level `depth` would exceed `maxDepth`.
    func checkDepth(_ depth: Int, at position: Int) throws(OTLPDecodeError) {
        guard depth <= limits.maxDepth else {
            throw OTLPDecodeError("nested deeper than \(limits.maxDepth) levels at byte \(position)")
        }
    }

    /// Counts one more data point.
    mutating func countDataPoint() throws(OTLPDecodeError) {
        dataPoints &+= 1
        guard dataPoints <= limits.maxDataPoints else {
            throw OTLPDecodeError("more than \(limits.maxDataPoints) data points in one request")
        }
    }

    /// Takes back `count` counted data points.
    mutating func uncountDataPoints(_ count: Int) {
        dataPoints &-= count
    }

    /// Counts one more metric.
    mutating func countMetric() throws(OTLPDecodeError) {
        metrics &+= 1
        guard metrics <= limits.maxMetrics else {
            throw OTLPDecodeError("more than \(limits.maxMetrics) metrics in one request")
        }
    }

    /// Throws when a list that already holds `count` attributes may not take another.
    func checkAttributeCount(_ count: Int, at position: Int) throws(OTLPDecodeError) {
        guard count < limits.maxAttributes else {
            throw OTLPDecodeError("more than \(limits.maxAttributes) attributes in one list at byte \(position)")
        }
    }
}
