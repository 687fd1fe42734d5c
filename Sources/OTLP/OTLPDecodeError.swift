/// A request body that cannot be decoded: malformed protobuf or JSON, or a decode limit exceeded.
///
/// The message says what went wrong and where, e.g. `ResourceMetrics > ScopeMetrics > Metric > Sum >
/// NumberDataPoint: truncated fixed64 field 3 at byte 117`, so it can go straight into the `message` of a 400
/// response's `google.rpc.Status`.
public struct OTLPDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed and where.
    public let message: String
    /// Whether `message` already starts with a path of message types.
    private let hasPath: Bool

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
        hasPath = false
    }

    private init(message: String, hasPath: Bool) {
        self.message = message
        self.hasPath = hasPath
    }

    /// The message.
    public var description: String { message }

    /// The same error with `context` (the enclosing message type) prepended to its path.
    func within(_ context: StaticString) -> OTLPDecodeError {
        OTLPDecodeError(message: "\(context)\(hasPath ? " > " : ": ")\(message)", hasPath: true)
    }
}
