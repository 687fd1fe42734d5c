/// Bounds on what one request may make the decoder build, so that a small hostile body cannot exhaust memory or
/// the stack. Exceeding any of them is an `OTLPDecodeError`.
public struct OTLPDecodeLimits: Sendable, Hashable {
    /// The deepest nesting accepted: messages in protobuf, objects and arrays in JSON. A metrics request with flat
    /// attribute values needs 9 protobuf levels or 15 JSON levels; nested array and map values add more.
    public var maxDepth = 32
    /// The most data points of all kinds in one request.
    public var maxDataPoints = 1_000_000
    /// The most metrics in one request.
    public var maxMetrics = 1_000_000
    /// The most attributes in one attribute list (resource, scope, data point, exemplar or map value), and the most
    /// elements in one array value.
    public var maxAttributes = 1_024

    /// Creates the default limits.
    public init() {}
}
