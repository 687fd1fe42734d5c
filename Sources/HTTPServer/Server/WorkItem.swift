/// A complete request handed from the event loop to a worker.
struct WorkItem: Sendable {
    /// The connection to answer on.
    let connectionID: UInt64
    /// The request; its body is still content-encoded.
    var request: HTTPRequest
    /// Whether the body must be gunzipped first.
    let contentCoding: HTTPRequestHead.ContentCoding
    /// Whether the client allows the connection to stay open.
    let keepAlive: Bool
    /// Whether the client spoke HTTP/1.0 (keep-alive is then announced explicitly).
    let isHTTP10: Bool
    /// When the request was fully received.
    let receivedAt: ContinuousClock.Instant
}
