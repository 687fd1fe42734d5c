/// A resolved socket address: the raw `sockaddr` bytes `Syscall` hands to `bind`, and a printable form.
struct SocketAddress: Sendable, CustomStringConvertible {
    /// The `sockaddr_in` / `sockaddr_in6` bytes, exactly as long as the structure.
    let bytes: [UInt8]
    /// `AF_INET` or `AF_INET6`.
    let family: Int32
    /// `127.0.0.1:4318` or `[::1]:4318`.
    let description: String
}
