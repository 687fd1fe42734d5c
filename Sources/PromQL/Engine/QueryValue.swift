public import TimeSeries

/// The result of a query, in the shapes of Prometheus's API (`resultType` scalar, string, vector, matrix).
public enum QueryValue: Sendable, Hashable {
    /// A scalar at a time (ms).
    case scalar(timestamp: Int64, value: Double)
    /// A string at a time (ms).
    case string(timestamp: Int64, value: String)
    /// An instant vector at a time (ms); labels are final (names removed where the query dropped them).
    case vector(timestamp: Int64, samples: [InstantSample])
    /// Series with samples: the result of a range query or of an instant query of a range vector.
    case matrix([Series])

    /// Prometheus's `resultType`: "scalar", "string", "vector" or "matrix".
    public var resultType: String {
        switch self {
        case .scalar: "scalar"
        case .string: "string"
        case .vector: "vector"
        case .matrix: "matrix"
        }
    }
}

/// One element of an instant query's result vector.
public struct InstantSample: Sendable, Hashable {
    /// The series labels.
    public var labels: Labels
    /// The sample time in milliseconds (the evaluation time).
    public var timestamp: Int64
    /// The value.
    public var value: Double

    /// Creates an element.
    public init(labels: Labels, timestamp: Int64, value: Double) {
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
    }
}
