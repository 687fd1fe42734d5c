/// What one delivery attempt produced.
public enum SendResult: Sendable, Hashable {
    /// The receiver answered with `status`; `retryAfter` is its `Retry-After` header, verbatim, if any.
    case response(status: Int, retryAfter: String?)
    /// No complete answer within the per-request timeout.
    case timeout
    /// The request could not be sent or the connection failed (refused, reset, DNS, TLS); the description says why.
    case connectionError(String)
}
