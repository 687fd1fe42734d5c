/// Where the server listens and the limits it enforces. Every limit is answered with its own status.
public struct ServerConfiguration: Sendable {
    /// The address to bind: an IPv4/IPv6 literal or a host name (`"0.0.0.0"` for all IPv4 interfaces).
    public var host = "127.0.0.1"
    /// The TCP port; 0 picks an ephemeral port (read it back from `Server.port`).
    public var port = 4318
    /// Bytes of the request line plus header fields (and of a chunked trailer section); over it → 431.
    public var maxHeaderBytes = 16 * 1024
    /// Body bytes, both as received and after gunzip; over it → 413, without reading the rest of the body.
    public var maxBodyBytes = 64 * 1024 * 1024
    /// Time to receive a request head: from accept for the first request, from its first byte for later ones.
    /// A slow client is then answered 408 (or just closed if it sent nothing).
    public var headerReadTimeout: Duration = .seconds(10)
    /// Time to receive a body once its head arrived; a slower upload is answered 408 and closed.
    public var bodyReadTimeout: Duration = .seconds(30)
    /// Time a pending response may go without write progress before the connection is closed.
    public var writeTimeout: Duration = .seconds(30)
    /// Time a keep-alive connection may sit idle between requests before it is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// Open connections; a connection beyond it is accepted, answered 503 with `Retry-After`, and closed.
    public var maxConnections = 1024
    /// Threads running handlers (and gunzip).
    public var workerThreads = 4
    /// Complete requests waiting for a worker; beyond it a request is answered 503 with `Retry-After`.
    public var maxQueuedRequests = 256
    /// The `Retry-After` seconds sent with the server's own 503 answers.
    public var retryAfterSeconds = 1

    /// Creates the default configuration: 127.0.0.1:4318 and the limits above.
    public init() {}

    /// The first invalid setting, if any.
    var problem: String? {
        if !(0...65535).contains(port) { return "port must be 0...65535, not \(port)" }
        if maxHeaderBytes < 256 { return "maxHeaderBytes must be at least 256" }
        if maxBodyBytes < 0 { return "maxBodyBytes must not be negative" }
        let timeouts = [headerReadTimeout, bodyReadTimeout, writeTimeout, idleTimeout]
        if timeouts.contains(where: { $0 <= .zero }) { return "timeouts must be positive" }
        if maxConnections < 1 { return "maxConnections must be at least 1" }
        if workerThreads < 1 { return "workerThreads must be at least 1" }
        if maxQueuedRequests < 1 { return "maxQueuedRequests must be at least 1" }
        if retryAfterSeconds < 0 { return "retryAfterSeconds must not be negative" }
        return nil
    }
}
