/// Why a request could not be parsed: a closed set, each case mapped to the status the server answers with.
///
/// Internal to the package (the server turns it into a response); it never crosses the module's public API.
package enum HTTPParserError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request line is not `method SP request-target SP HTTP-version` (400).
    case invalidRequestLine
    /// The connection opened with the HTTP/2 preface `PRI * HTTP/2.0` (505).
    case http2Preface
    /// A well-formed version other than HTTP/1.x (505).
    case unsupportedVersion(String)
    /// A line ended in a bare LF, or a CR appeared inside a line (400).
    case invalidLineEnding
    /// A field line started with whitespace: obsolete line folding (400).
    case obsoleteLineFolding
    /// A field name with a byte outside `tchar`, or a field line without a colon (400).
    case invalidHeaderName
    /// A field value with a control byte (NUL, DEL, ...) (400).
    case invalidHeaderValue(name: String)
    /// The header (or trailer) section exceeds `maxHeaderBytes` (431).
    case headersTooLarge(limit: Int)
    /// More than `maxHeaderCount` fields (431).
    case tooManyHeaders(limit: Int)
    /// HTTP/1.1 without `Host`, or more than one `Host` (400).
    case invalidHost
    /// `Content-Length` that is not a decimal number, or several that disagree (400).
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding` (400, a request-smuggling vector).
    case contentLengthWithTransferEncoding
    /// `Transfer-Encoding` on an HTTP/1.0 request (400, RFC 9112 §6.1).
    case transferEncodingInHTTP10
    /// `Transfer-Encoding` listing `chunked` more than once, or nothing (400).
    case invalidTransferEncoding
    /// A transfer coding other than `chunked` (501).
    case unsupportedTransferEncoding(String)
    /// A content coding other than `gzip`/`x-gzip`/`identity` (415).
    case unsupportedContentEncoding(String)
    /// An `Expect` other than `100-continue` (417).
    case unsupportedExpectation(String)
    /// The body, declared or accumulated, exceeds `maxBodyBytes` (413).
    case bodyTooLarge(limit: Int)
    /// A chunk-size line that is not hex digits followed by optional extensions, or is too long (400).
    case invalidChunkLine
    /// Chunk data not followed by CRLF (400).
    case missingChunkTerminator

    /// The status code the server answers with.
    package var status: Int {
        switch self {
        case .http2Preface, .unsupportedVersion: 505
        case .headersTooLarge, .tooManyHeaders: 431
        case .unsupportedTransferEncoding: 501
        case .unsupportedContentEncoding: 415
        case .unsupportedExpectation: 417
        case .bodyTooLarge: 413
        case .invalidRequestLine, .invalidLineEnding, .obsoleteLineFolding, .invalidHeaderName, .invalidHeaderValue,
            .invalidHost, .invalidContentLength, .contentLengthWithTransferEncoding, .transferEncodingInHTTP10,
            .invalidTransferEncoding, .invalidChunkLine, .missingChunkTerminator:
            400
        }
    }

    /// A one-line explanation for the response body and logs.
    package var description: String {
        switch self {
        case .invalidRequestLine: "malformed request line"
        case .http2Preface: "HTTP/2 is not supported; use HTTP/1.1"
        case .unsupportedVersion(let version): "HTTP version \(version) is not supported; use HTTP/1.1"
        case .invalidLineEnding: "lines must end with CRLF"
        case .obsoleteLineFolding: "obsolete line folding in header fields is not allowed"
        case .invalidHeaderName: "invalid header field name"
        case .invalidHeaderValue(let name): "invalid byte in the value of header field \(name)"
        case .headersTooLarge(let limit): "request header fields are larger than \(limit) bytes"
        case .tooManyHeaders(let limit): "more than \(limit) request header fields"
        case .invalidHost: "an HTTP/1.1 request needs exactly one Host header field"
        case .invalidContentLength: "invalid Content-Length"
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding must not both be present"
        case .transferEncodingInHTTP10: "Transfer-Encoding is not allowed in HTTP/1.0"
        case .invalidTransferEncoding: "invalid Transfer-Encoding"
        case .unsupportedTransferEncoding(let coding): "transfer coding \"\(coding)\" is not supported; use chunked"
        case .unsupportedContentEncoding(let coding):
            "content coding \"\(coding)\" is not supported; use gzip or identity"
        case .unsupportedExpectation(let expectation): "expectation \"\(expectation)\" is not supported"
        case .bodyTooLarge(let limit): "request body is larger than \(limit) bytes"
        case .invalidChunkLine: "malformed chunk size line"
        case .missingChunkTerminator: "chunk data must be followed by CRLF"
        }
    }
}
