/// Writes a response's status line and header section (RFC 9112 §4–§6); the body goes out as it is.
package enum HTTPResponseEncoder {
    /// The interim response sent when a client waits with `Expect: 100-continue`.
    package static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Whether a status never carries a body or `Content-Length` (1xx, 204, 304).
    package static func forbidsBody(_ status: Int) -> Bool {
        status < 200 || status == 204 || status == 304
    }

    /// The status a response is sent with: 200–599 as given, anything else (including interim 1xx, which this
    /// server cannot frame as a final response) becomes 500.
    package static func effectiveStatus(_ status: Int) -> Int {
        (200...599).contains(status) ? status : 500
    }

    /// Encodes the head of a final response.
    ///
    /// `Content-Length` always comes from `response.body` (except for 204/304), and `Connection` from the server's
    /// decision; handler fields named `Content-Length`, `Transfer-Encoding` or `Connection` are dropped, and so is
    /// any field whose name is not a token or whose value holds CR, LF or NUL (no response splitting).
    ///
    /// - Parameters:
    ///   - response: the response.
    ///   - keepAlive: whether the connection stays open after it; `false` writes `Connection: close`.
    ///   - announceKeepAlive: whether to write `Connection: keep-alive` (for HTTP/1.0 clients that asked for it).
    package static func encodeHead(_ response: HTTPResponse, keepAlive: Bool, announceKeepAlive: Bool) -> [UInt8] {
        let status = effectiveStatus(response.status)
        var head: [UInt8] = []
        head.reserveCapacity(128 + response.headers.count * 48)
        head.append(contentsOf: "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n".utf8)
        for (name, value) in response.headers {
            switch name.utf8.count {
            case 10 where ASCII.equalsIgnoringCase(name, "connection"): continue
            case 14 where ASCII.equalsIgnoringCase(name, "content-length"): continue
            case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding"): continue
            default: break
            }
            guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isTokenByte),
                value.utf8.allSatisfy(ASCII.isFieldValueByte)
            else { continue }
            head.append(contentsOf: name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: value.utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        if !forbidsBody(status) {
            head.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if announceKeepAlive {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        return head
    }

    /// Whether a handler asked to close the connection with `Connection: close`.
    package static func requestsClose(_ response: HTTPResponse) -> Bool {
        response.headers.values(for: "Connection").contains { value in
            ASCII.listElements(value).contains { ASCII.equalsIgnoringCase($0.utf8, lowercased: "close") }
        }
    }
}
