/// A gzip body that could not be decompressed, with a code callers can branch on.
public struct GzipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The data is not valid gzip (bad header, bad deflate stream, bad checksum, truncated); HTTP 400.
        public static let corrupt = Code(name: "corrupt")
        /// The decompressed data would exceed the caller's limit; HTTP 413.
        public static let limitExceeded = Code(name: "limit_exceeded")
        /// zlib could not allocate its state.
        public static let outOfMemory = Code(name: "out_of_memory")

        /// The code's name, e.g. `address_in_use`.
        public var description: String { name }

        /// Lets `catch GzipError.Code.corrupt` match a thrown `GzipError` by its code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? GzipError)?.code == code
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for logs and error responses.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
