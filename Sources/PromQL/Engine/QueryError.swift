/// Why a query failed, with the categories Prometheus's API reports as `errorType`.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: String, Sendable, Hashable {
        /// The query does not parse or is ill-typed (API `bad_data`).
        case parse = "bad_data"
        /// The query ran longer than the engine's timeout (API `timeout`).
        case timeout
        /// The query failed while running: too many samples, duplicate series, bad function arguments
        /// (API `execution`).
        case execution
        /// The series store failed (API `internal`).
        case storage = "internal"
    }

    /// The category.
    public var kind: Kind
    /// The message in Prometheus's wording.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A parse error.
    public init(_ error: ParseError) {
        self.init(.parse, error.description)
    }

    /// The message.
    public var description: String { message }

    /// Prometheus's message when a query's samples exceed the limit.
    public static let tooManySamples = QueryError(
        .execution, "query processing would load too many samples into memory in query execution")

    /// Prometheus's message when a query times out.
    public static let timedOut = QueryError(.timeout, "query timed out in query execution")
}
