/// A parsed request head: the request line, the header fields and what they mean for framing and the connection.
package struct HTTPRequestHead: Sendable, Equatable {
    /// How the body is delimited.
    package enum Framing: Sendable, Equatable {
        /// No body (no `Content-Length`, no `Transfer-Encoding`), or `Content-Length: 0`.
        case none
        /// `Content-Length: n` with n > 0.
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
    }

    /// The body's content coding.
    package enum ContentCoding: Sendable, Equatable {
        /// No `Content-Encoding`, or `identity`.
        case identity
        /// `gzip` or `x-gzip`.
        case gzip
    }

    /// The method, e.g. `"POST"`.
    package var method: String
    /// The raw request-target.
    package var target: String
    /// Whether the request line said HTTP/1.0 (otherwise HTTP/1.1).
    package var isHTTP10: Bool
    /// The header fields in order.
    package var headers: HTTPHeaders
    /// How the body is delimited.
    package var framing: Framing
    /// The body's content coding.
    package var contentCoding: ContentCoding
    /// Whether the connection may stay open after the response (HTTP/1.1 unless `Connection: close`; HTTP/1.0 only
    /// with `Connection: keep-alive`).
    package var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body (HTTP/1.1 only).
    package var expectsContinue: Bool

    package static func == (left: HTTPRequestHead, right: HTTPRequestHead) -> Bool {
        left.method == right.method && left.target == right.target && left.isHTTP10 == right.isHTTP10
            && left.framing == right.framing && left.contentCoding == right.contentCoding
            && left.keepAlive == right.keepAlive && left.expectsContinue == right.expectsContinue
            && left.headers.elementsEqual(right.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}
