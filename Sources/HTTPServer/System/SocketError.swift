/// A failed system call: which operation and the `errno` it reported. Internal; `Server` turns it into `ServerError`.
struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The libc function that failed, e.g. `"bind"`.
    let operation: String
    /// The C error number (`errno`), or the `getaddrinfo` code for name resolution.
    let code: Int32
    /// The system's text for `code` (`strerror` or `gai_strerror`).
    let message: String

    var description: String { "\(operation) failed: \(message) (\(code))" }
}
