/// A complete HTTP request as a handler sees it.
public struct HTTPRequest: Sendable {
    /// The method, case-sensitive as sent: `"GET"`, `"POST"`, ...
    public var method: String
    /// The raw request-target, e.g. `"/api/v1/query?query=up"`.
    public var target: String
    /// The target without its query; percent-decoding is not applied. For an absolute-form target
    /// (`http://host/p?q`) this is the path part (`/p`).
    public var path: String
    /// The raw query string without the `"?"`, or `nil` when the target has none.
    public var query: String?
    /// The request's header fields. `Content-Encoding` is removed once the server has decompressed a gzip body
    /// (`Content-Length`, if any, still counts the bytes received).
    public var headers: HTTPHeaders
    /// The body: de-chunked and, for `Content-Encoding: gzip`, decompressed.
    public var body: [UInt8]
    /// The peer's address, `127.0.0.1:54321` or `[::1]:54321`.
    public var remoteAddress: String

    /// Creates a request; `path` and `query` are derived from `target`.
    public init(
        method: String, target: String, headers: HTTPHeaders = .init(), body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        (path, query) = Self.split(target)
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Splits a request-target into path and query (RFC 9112 §3.2).
    static func split(_ target: String) -> (path: String, query: String?) {
        var rest = Substring(target)
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isLetter),
            rest[colon...].hasPrefix("://")
        {
            let authorityAndPath = rest[rest.index(colon, offsetBy: 3)...]
            rest = authorityAndPath.firstIndex { $0 == "/" || $0 == "?" }.map { authorityAndPath[$0...] } ?? ""
            if rest.isEmpty || rest.first == "?" { rest = "/" + rest }
        }
        guard let mark = rest.firstIndex(of: "?") else { return (String(rest), nil) }
        return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
    }
}
