/// A worker's answer, posted back to the event loop.
struct WorkResult: Sendable {
    /// The connection to answer on.
    let connectionID: UInt64
    /// The response.
    let response: HTTPResponse
    /// Whether the request was `HEAD` (the body is not sent).
    let isHEAD: Bool
    /// Whether the connection may stay open (the client allows it and the handler did not ask to close).
    let keepAlive: Bool
    /// Whether to write `Connection: keep-alive` (HTTP/1.0 clients).
    let announceKeepAlive: Bool
}
