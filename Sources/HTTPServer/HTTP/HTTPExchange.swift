/// What the server reports about every response it sends, handler responses and its own 4xx/5xx alike.
public struct HTTPExchange: Sendable {
    /// The request method, or `""` when the request line could not be parsed.
    public var method: String
    /// The request path (without query), or `""` when the request line could not be parsed.
    public var path: String
    /// The status code sent.
    public var status: Int
    /// Body bytes as received on the wire (after de-chunking, before gunzip); 0 when the body was not read.
    public var requestBodyBytes: Int
    /// From the moment the request was fully received (or rejected) to the moment its response was handed to the
    /// connection for writing: queueing, decompression and the handler.
    public var duration: Duration

    /// Creates an exchange record.
    public init(method: String, path: String, status: Int, requestBodyBytes: Int, duration: Duration) {
        self.method = method
        self.path = path
        self.status = status
        self.requestBodyBytes = requestBodyBytes
        self.duration = duration
    }
}
