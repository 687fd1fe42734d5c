/// Why the server could not start, with a code callers can branch on.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// Another process (or server) already listens on the address (`EADDRINUSE`).
        public static let addressInUse = Code(name: "address_in_use")
        /// The host is not an address of this machine (`EADDRNOTAVAIL`).
        public static let addressNotAvailable = Code(name: "address_not_available")
        /// The port needs privileges (`EACCES`), e.g. below 1024.
        public static let permissionDenied = Code(name: "permission_denied")
        /// The host could not be resolved.
        public static let invalidAddress = Code(name: "invalid_address")
        /// A `ServerConfiguration` value is out of range.
        public static let invalidConfiguration = Code(name: "invalid_configuration")
        /// `start()` was called on a server that was already started (servers are not restartable).
        public static let alreadyStarted = Code(name: "already_started")
        /// Another system call failed (descriptor limit, thread creation, ...).
        public static let systemError = Code(name: "system_error")

        /// The code's name, e.g. `address_in_use`.
        public var description: String { name }

        /// Lets `catch ServerError.Code.addressInUse` match a thrown `ServerError` by its code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ServerError)?.code == code
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for logs and users.
    public let message: String
    /// The C error number behind it, if any.
    public let errno: Int32?

    /// Creates an error.
    public init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// The message.
    public var description: String { message }
}
