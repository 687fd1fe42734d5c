public import Storage

/// A failure of the SQLite notification outbox: what it was doing, on which file, and why.
public struct NotificationOutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// Opening, reading or writing the database failed.
        case io
        /// A stored row cannot be decoded.
        case corrupt
        /// The database was written by a newer, incompatible version.
        case incompatible
        /// The outbox was closed.
        case closed
    }

    /// The kind of failure.
    public let code: Code
    /// The database file.
    public let path: String
    /// What the outbox was doing, e.g. `enqueue`.
    public let operation: String
    /// Why it failed.
    public let message: String
    /// The SQLite error underneath, if any.
    public let underlying: SQLiteError?

    /// Creates an error.
    public init(_ code: Code, path: String, operation: String, message: String, underlying: SQLiteError? = nil) {
        self.code = code
        self.path = path
        self.operation = operation
        self.message = message
        self.underlying = underlying
    }

    /// A readable form for logs and messages.
    public var description: String {
        "notification outbox \(path): \(operation) failed: \(message)"
    }
}
