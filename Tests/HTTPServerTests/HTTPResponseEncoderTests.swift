import HTTPServer
import Testing

struct HTTPResponseEncoderTests {
    private func encode(_ response: HTTPResponse, keepAlive: Bool = true, announce: Bool = false) -> String {
        String(
            decoding: HTTPResponseEncoder.encodeHead(response, keepAlive: keepAlive, announceKeepAlive: announce),
            as: UTF8.self)
    }

    @Test func statusLineHeadersAndContentLength() {
        let head = encode(.text(200, "hi"))
        #expect(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\n")
    }

    @Test func closingAndKeepAliveAreAnnounced() {
        #expect(
            encode(HTTPResponse(status: 413), keepAlive: false)
                == "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        #expect(
            encode(HTTPResponse(status: 204), announce: true)
                == "HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test func framingFieldsFromHandlersAreReplaced() {
        let response = HTTPResponse(
            status: 200,
            headers: HTTPHeaders([("Content-Length", "999"), ("transfer-encoding", "chunked"), ("Connection", "x")]),
            body: [1, 2, 3])
        #expect(encode(response) == "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n")
    }

    @Test func fieldsThatWouldSplitTheResponseAreDropped() {
        let response = HTTPResponse(
            status: 200,
            headers: HTTPHeaders([
                ("X-Ok", "fine"), ("X-Evil", "a\r\nSet-Cookie: b"), ("Bad Name", "v"), ("X-Nul", "a\u{0}"),
            ]))
        #expect(encode(response) == "HTTP/1.1 200 OK\r\nX-Ok: fine\r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: [(0, 500), (99, 500), (100, 500), (101, 500), (200, 200), (599, 599), (600, 500), (999, 500)])
    func invalidStatusesBecome500(status: Int, sent: Int) {
        #expect(HTTPResponseEncoder.effectiveStatus(status) == sent)
    }

    @Test func unknownStatusHasAnEmptyReason() {
        #expect(encode(HTTPResponse(status: 299)).hasPrefix("HTTP/1.1 299 \r\n"))
    }

    @Test func handlerCanAskToClose() {
        #expect(HTTPResponseEncoder.requestsClose(HTTPResponse(status: 200, headers: ["Connection": "Close"])))
        #expect(!HTTPResponseEncoder.requestsClose(HTTPResponse(status: 200)))
    }
}
