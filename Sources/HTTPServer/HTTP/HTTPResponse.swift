/// An HTTP response from a handler (or from the server itself for errors it detects).
///
/// The server always writes `Content-Length` from `body` and decides `Connection` itself; `Content-Length`,
/// `Transfer-Encoding` and `Connection` set here are ignored, except `Connection: close`, which closes the
/// connection after this response.
public struct HTTPResponse: Sendable {
    /// The status code, 200–599.
    public var status: Int
    /// The header fields to send.
    public var headers: HTTPHeaders
    /// The body to send (never sent for `HEAD` requests, 204 or 304).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = .init(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }
}
