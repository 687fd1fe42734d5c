import Dispatch
import Foundation
import HTTPServer
import TestSupport
import Testing

/// End-to-end tests over real sockets on 127.0.0.1 port 0; serialized so timing-sensitive ones run alone. The nested
/// suites in `ServerTests+*.swift` inherit `.serialized`.
@Suite(.serialized)
struct ServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            for index in 0..<5 {
                try client.send(request("POST", "/n/\(index)", body: "body \(index)"))
                let response = try client.expectResponse()
                #expect(response.status == 200)
                #expect(response.text == "POST /n/\(index) body \(index)")
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send(
                request("GET", "/a") + request("POST", "/b", body: "xyz")
                    + "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nq\r\n0\r\n\r\n"
                    + request("GET", "/d", headers: ["Connection: close"]))
            let texts = try (0..<4).map { _ in try client.expectResponse().text }
            #expect(texts == ["GET /a ", "POST /b xyz", "POST /c q", "GET /d "])
            #expect(client.waitForClose())
        }
    }

    @Test func chunkedUploadArrivesDechunked() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /up HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            for piece in ["5;ext=1\r\nhello\r\n", "1", "\r\n \r\n", "5\r\nworld\r\n", "0\r\nX-Trailer: t\r\n\r\n"] {
                Thread.sleep(forTimeInterval: 0.01)
                try client.send(piece)
            }
            let response = try client.expectResponse()
            #expect(response.status == 200)
            #expect(response.text == "POST /up hello world")
        }
    }

    @Test func expectContinueGetsInterimResponseBeforeTheBody() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try client.expectResponse()
            #expect(interim.status == 100)
            try client.send("data")
            let final = try client.expectResponse()
            #expect(final.status == 200)
            #expect(final.text == "POST /e data")
        }
    }

    @Test func expectContinueOverTheLimitGets413AndNoContinue() throws {
        try withServer({ $0.maxBodyBytes = 1000 }) { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1001\r\n\r\n")
            let response = try client.expectResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(client.waitForClose())
        }
    }

    @Test func hugeContentLengthGets413WithoutSendingTheBody() throws {
        try withServer({ $0.maxBodyBytes = 1 << 20 }) { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /v1/metrics HTTP/1.1\r\nHost: t\r\nContent-Length: 5000000000\r\n\r\n")
            let response = try client.expectResponse()
            #expect(response.status == 413)
            #expect(response.text.contains("larger than 1048576 bytes"))
            #expect(client.waitForClose())
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withServer { server in
            let closing = try RawClient(port: server.port)
            try closing.send("GET /old HTTP/1.0\r\n\r\n")
            #expect(try closing.expectResponse().header("Connection") == "close")
            #expect(closing.waitForClose())

            let keeping = try RawClient(port: server.port)
            for _ in 0..<2 {
                try keeping.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try keeping.expectResponse().header("Connection") == "keep-alive")
            }
        }
    }

    @Test func headResponseHasLengthButNoBody() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send(request("HEAD", "/h"))
            // The raw client reads Content-Length bytes; they must belong to the next response's head, so read raw.
            try client.send(request("GET", "/after"))
            let head = try client.readHeadOnly()
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "8")
            let next = try client.expectResponse()
            #expect(next.text == "GET /after ")
        }
    }

    @Test func largeResponseIsWrittenCompletelyToASlowReader() throws {
        var random = SplitMix64(seed: 11)
        let body = (0..<(6 * 1024 * 1024 / 8)).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }
        try withServer(handler: { _ in HTTPResponse(status: 200, body: body) }) { server in
            // A 16 KiB receive window: the server fills its send buffer and must wait for EPOLLOUT many times.
            let client = try RawClient(port: server.port, receiveBuffer: 16 * 1024)
            try client.send(request("GET", "/big") + request("GET", "/big"))
            Thread.sleep(forTimeInterval: 0.3)
            let first = try client.expectResponse()
            let second = try client.expectResponse()
            #expect(first.body == body)
            #expect(second.body == body)
        }
    }

    @Test func gzipBodiesAreInflatedBeforeTheHandler() throws {
        let headers = Guarded<[String]>([])
        try withServer(
            { $0.maxBodyBytes = 10_000 },
            handler: { request in
                headers.withLock { $0.append(request.headers["Content-Encoding"] ?? "none") }
                return echoHandler(request)
            }
        ) { server in
            let client = try RawClient(port: server.port)
            let payload = Array(String(repeating: "metric_sample 1\n", count: 500).utf8)
            let compressed = Gzip.compress(payload)
            try client.send(
                Array("POST /v1/metrics HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n".utf8)
                    + Array("Content-Length: \(compressed.count)\r\n\r\n".utf8) + compressed)
            let response = try client.expectResponse()
            #expect(response.status == 200)
            #expect(response.body == Array("POST /v1/metrics ".utf8) + payload)
            #expect(headers.withLock { $0 } == ["none"])

            // Corrupt gzip: 400, and the connection stays usable.
            try client.send(request("POST", "/v1/metrics", headers: ["Content-Encoding: gzip"], body: "not gzip"))
            let corrupt = try client.expectResponse()
            #expect(corrupt.status == 400)
            #expect(corrupt.header("Connection") == nil)

            // Over the limit after inflating: 413.
            let bomb = Gzip.compress([UInt8](repeating: 0, count: 10_001))
            try client.send(
                Array("POST /v1/metrics HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n".utf8)
                    + Array("Content-Length: \(bomb.count)\r\n\r\n".utf8) + bomb)
            #expect(try client.expectResponse().status == 413)
        }
    }

    @Test func unsupportedContentEncodingGets415() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send(request("POST", "/v1/metrics", headers: ["Content-Encoding: zstd"], body: "x"))
            let response = try client.expectResponse()
            #expect(response.status == 415)
            #expect(response.text.contains("zstd"))
        }
    }

    @Test func routerAnswers404And405() throws {
        var router = Router()
        router.add("POST", "/v1/metrics") { _ in .text(200, "ok") }
        try withServer(handler: { [router] in router.handle($0) }) { server in
            let client = try RawClient(port: server.port)
            try client.send(request("GET", "/v1/metrics"))
            let wrongMethod = try client.expectResponse()
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "POST")
            try client.send(request("GET", "/missing"))
            #expect(try client.expectResponse().status == 404)
            try client.send(request("POST", "/v1/metrics", body: ""))
            #expect(try client.expectResponse().text == "ok")
        }
    }

    @Test func errorResponderAndObserverSeeServerErrors() throws {
        let exchanges = Guarded<[HTTPExchange]>([])
        let responder: @Sendable (Int, String, HTTPHeaders?) -> HTTPResponse = { status, message, headers in
            let type = headers?["Content-Type"] ?? "none"
            return HTTPResponse(status: 200, headers: ["Content-Type": type], body: Array("\(status):\(message)".utf8))
        }
        try withServer(
            {
                $0.maxHeaderBytes = 512; $0.maxBodyBytes = 100
            }, errorResponder: responder,
            observer: { exchange in exchanges.withLock { $0.append(exchange) } }
        ) { server in
            let ok = try RawClient(port: server.port)
            try ok.send(request("POST", "/fine", body: "12345"))
            #expect(try ok.expectResponse().status == 200)

            let tooLarge = try RawClient(port: server.port)
            try tooLarge.send(
                "POST /v1/metrics HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 101\r\n\r\n")
            let rejected = try tooLarge.expectResponse()
            #expect(rejected.status == 413)
            #expect(rejected.header("Content-Type") == "application/json")
            #expect(rejected.text == "413:request body is larger than 100 bytes")

            let huge = try RawClient(port: server.port)
            try huge.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "b", count: 600) + "\r\n\r\n")
            let headerError = try huge.expectResponse()
            #expect(headerError.status == 431)
            #expect(headerError.header("Content-Type") == "none")
        }
        let seen = exchanges.withLock { $0 }.map { "\($0.method) \($0.path) \($0.status) \($0.requestBodyBytes)" }
        #expect(seen == ["POST /fine 200 5", "POST /v1/metrics 413 0", "  431 0"])
    }

    @Test func http2PrefaceGets505() throws {
        try withServer { server in
            let client = try RawClient(port: server.port)
            try client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
            #expect(try client.expectResponse().status == 505)
            #expect(client.waitForClose())
        }
    }

    @Test func garbageNeverStopsTheServer() throws {
        try withServer({ $0.headerReadTimeout = .milliseconds(500) }) { server in
            var random = SplitMix64(seed: 3)
            for round in 0..<30 {
                let client = try RawClient(port: server.port)
                let length = Int.random(in: 1...2000, using: &random)
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                if round % 3 == 0 { bytes = Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n".utf8) + bytes }
                try client.send(bytes)
                client.shutdownWrite()
                _ = try? client.readResponse()
                #expect(client.waitForClose())
            }
            let client = try RawClient(port: server.port)
            try client.send(request("GET", "/still-alive"))
            #expect(try client.expectResponse().text == "GET /still-alive ")
        }
    }

    @Test func startFailsClearlyWhenThePortIsTaken() throws {
        try withServer { server in
            var configuration = ServerConfiguration()
            configuration.port = server.port
            let second = Server(configuration: configuration, logger: quietLogger, handler: echoHandler)
            do {
                try second.start()
                Issue.record("a second server bound the same port")
            } catch ServerError.Code.addressInUse {
                // expected
            }
        }
    }

    @Test func invalidConfigurationIsRejected() {
        var configuration = ServerConfiguration()
        configuration.workerThreads = 0
        let server = Server(configuration: configuration, logger: quietLogger, handler: echoHandler)
        #expect(throws: ServerError.self) { try server.start() }
    }
}
