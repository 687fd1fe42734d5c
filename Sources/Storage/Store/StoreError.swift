/// An error from the series store, with a code callers can branch on and a message for people.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// Another process holds the data directory.
        public static let locked = Code(name: "locked")
        /// The append queue is full; retry later (HTTP 503 with Retry-After).
        public static let overloaded = Code(name: "overloaded")
        /// The store was closed.
        public static let closed = Code(name: "closed")
        /// Reading or writing the database failed.
        public static let io = Code(name: "io")
        /// Stored data cannot be decoded.
        public static let corrupt = Code(name: "corrupt")
        /// The database was written by a newer, incompatible version.
        public static let incompatible = Code(name: "incompatible")
        /// A bad option or argument.
        public static let invalidArgument = Code(name: "invalid_argument")

        /// A readable form for logs and messages.
        public var description: String { name }

        /// Lets `catch StoreError.Code.locked` match a thrown `StoreError` by its code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? StoreError)?.code == code
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for logs and users.
    public let message: String
    /// The SQLite error underneath, if any.
    public let underlying: SQLiteError?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: SQLiteError? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// Wraps a SQLite failure that happened while doing `what`.
    static func sqlite(_ error: SQLiteError, while what: String) -> StoreError {
        StoreError(error.isCorrupt ? .corrupt : .io, "\(what): \(error)", underlying: error)
    }

    /// Any failure while doing `what` as a `StoreError`: store errors pass through, SQLite errors keep their code.
    static func wrapping(_ error: any Error, while what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? SQLiteError { return sqlite(error, while: what) }
        return StoreError(.io, "\(what): \(error)")
    }

    /// A readable form for logs and messages.
    public var description: String { message }

}
