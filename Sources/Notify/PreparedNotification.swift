/// A notification ready to send: the exact request, built once and stored in the outbox before the first attempt,
/// so retries (also after a restart) send the same bytes with the same idempotency key.
public struct PreparedNotification: Sendable, Hashable {
    /// The receiver's name.
    public var receiver: String
    /// Stable across retries of this notification (`Idempotency-Key` header).
    public var idempotencyKey: String
    /// When it was created, ms since the epoch.
    public var createdAt: Int64
    /// The URL posted to.
    public var url: String
    /// Request headers (Content-Type, auth, custom headers, signature, timestamp, idempotency key).
    public var headers: [HTTPHeaderField]
    /// The request body.
    public var body: [UInt8]

    /// Creates a notification.
    public init(
        receiver: String, idempotencyKey: String, createdAt: Int64, url: String, headers: [HTTPHeaderField],
        body: [UInt8]
    ) {
        self.receiver = receiver
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP header (order kept).
public struct HTTPHeaderField: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value.
    public var value: String

    /// Creates a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
