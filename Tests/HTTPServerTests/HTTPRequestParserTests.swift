import HTTPServer
import TestSupport
import Testing

/// Framing: request lines, fields, Content-Length and chunked bodies, keep-alive, pipelining, 100-continue.
struct HTTPRequestParserTests {
    @Test func simpleGetHasNoBodyAndKeepsAlive() throws {
        let outcome = parse("GET /api/v1/query?query=up HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.events.count == 2)
        let request = try #require(outcome.requests.first)
        #expect(request.head.method == "GET")
        #expect(request.head.target == "/api/v1/query?query=up")
        #expect(!request.head.isHTTP10)
        #expect(request.head.keepAlive)
        #expect(request.head.framing == .none)
        #expect(request.head.headers["accept"] == "*/*")
        #expect(request.body.isEmpty)
    }

    @Test func contentLengthBodyIsReadExactly() throws {
        let outcome = parse("POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
        let request = try #require(outcome.requests.first)
        #expect(request.head.framing == .length(11))
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world")
        #expect(outcome.error == nil)
    }

    @Test func headIsReportedBeforeTheBodyArrives() {
        let outcome = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab")
        #expect(outcome.events.count == 1)
        guard case .head(let head) = outcome.events.first else {
            Issue.record("expected a head, got \(outcome)")
            return
        }
        #expect(head.framing == .length(5))
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\n\r\n", true),
    ])
    func keepAliveFollowsVersionAndConnection(raw: String, keepAlive: Bool) throws {
        let request = try #require(parse(raw).requests.first)
        #expect(request.head.keepAlive == keepAlive)
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let stream =
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /d HTTP/1.1\r\nHost: x\r\n\r\n"
        let outcome = parse(stream)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.head.target) == ["/a", "/b", "/c", "/d"])
        #expect(outcome.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["", "abc", "de", ""])
    }

    @Test func consumedCountsStopAtEachEvent() throws {
        let first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        let bytes = Array((first + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n").utf8)
        var parser = HTTPRequestParser()
        let head = try parser.parse(bytes)
        #expect(head.consumed == first.utf8.count)
        let complete = try parser.parse(Array(bytes[head.consumed...]))
        #expect(complete.consumed == 0)
        guard case .complete = complete.event else {
            Issue.record("expected the first request to complete")
            return
        }
        #expect(parser.hasPartialMessage == false)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let raw =
            "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value;flag\r\nhello\r\n"
            + "00006 ; q=\"quoted\"\r\n world\r\n"
            + "A\r\n0123456789\r\n"
            + "0;last\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n"
        let outcome = parse(raw)
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.head.framing == .chunked)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world0123456789")
    }

    @Test func chunkedBodyWithoutTrailers() throws {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        let request = try #require(parse(raw).requests.first)
        #expect(request.body == Array("abc".utf8))
    }

    @Test func expectContinueIsFlaggedForHTTP11Only() throws {
        let http11 = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\na"
        #expect(try #require(parse(http11).requests.first).head.expectsContinue)
        let http10 = "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\na"
        #expect(try #require(parse(http10).requests.first).head.expectsContinue == false)
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let request = try #require(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").requests.first)
        #expect(request.head.method == "GET")
    }

    @Test func fieldValuesAreTrimmedAndRepeatsKeptInOrder() throws {
        let raw = "GET / HTTP/1.1\r\nHost: x\r\nX-A:  one \t\r\nx-a: two\r\nX-Empty:\r\nX-Bytes: caf\u{e9}\r\n\r\n"
        let headers = try #require(parse(raw).requests.first).head.headers
        #expect(headers.values(for: "X-A") == ["one", "two"])
        #expect(headers["x-empty"] == "")
        #expect(headers["X-Bytes"] == "caf\u{e9}")
    }

    @Test(arguments: [
        ("Content-Encoding: gzip", HTTPRequestHead.ContentCoding.gzip),
        ("Content-Encoding: X-GZIP", .gzip),
        ("Content-Encoding: identity", .identity),
        ("Content-Encoding: identity, gzip", .gzip),
        ("X-None: 1", .identity),
    ])
    func contentCodingIsRecognized(field: String, coding: HTTPRequestHead.ContentCoding) throws {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\n\(field)\r\nContent-Length: 1\r\n\r\na"
        #expect(try #require(parse(raw).requests.first).head.contentCoding == coding)
    }

    @Test func repeatedEqualContentLengthsAreAccepted() throws {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"
        #expect(try #require(parse(raw).requests.first).body == Array("abc".utf8))
    }

    @Test func zeroContentLengthCompletesWithoutBody() throws {
        let outcome = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(try #require(outcome.requests.first).head.framing == .none)
    }

    @Test func http10NeedsNoHost() throws {
        let request = try #require(parse("GET / HTTP/1.0\r\n\r\n").requests.first)
        #expect(request.head.isHTTP10)
    }

    @Test func higherMinorVersionIsServedAsHTTP11() throws {
        let request = try #require(parse("GET / HTTP/1.2\r\nHost: x\r\n\r\n").requests.first)
        #expect(!request.head.isHTTP10)
    }

    @Test func summaryIsKeptForErrorResponses() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 10))
        let raw = Array(
            "POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n".utf8)
        #expect(throws: HTTPParserError.bodyTooLarge(limit: 10)) { try parser.parse(raw) }
        let summary = try #require(parser.summary)
        #expect(summary.method == "POST")
        #expect(summary.target == "/v1/metrics")
        #expect(summary.headers["content-type"] == "application/json")
    }

    @Test func partialMessageIsTracked() throws {
        var parser = HTTPRequestParser()
        #expect(!parser.hasPartialMessage)
        _ = try parser.parse(Array("GET / HT".utf8))
        #expect(parser.hasPartialMessage)
        _ = try parser.parse(Array("TP/1.1\r\nHost: x\r\n\r\n".utf8))
        _ = try parser.parse([UInt8]())
        #expect(!parser.hasPartialMessage)
    }

    // MARK: - Split invariance

    static let corpus: [String] = [
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 26\r\n\r\n"
            + "abcdefghijklmnopqrstuvwxyz",
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nwiki\r\n5\r\npedia\r\n"
            + "0\r\nTrailer-A: 1\r\n\r\n",
        "\r\nGET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nHost: y\r\n\r\n"
            + "PUT /c HTTP/1.1\r\nHost: z\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nok",
        "POST /bad HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX",
    ]

    @Test(arguments: corpus)
    func byteAtATimeMatchesOneShot(raw: String) {
        let bytes = Array(raw.utf8)
        #expect(parse(bytes, cuts: byteAtATime(bytes)) == parse(bytes))
    }

    @Test func randomSplitsMatchOneShot() {
        var random = SplitMix64(seed: 0x5eed)
        for raw in Self.corpus {
            let bytes = Array(raw.utf8)
            let expected = parse(bytes)
            for _ in 0..<200 {
                let cuts = randomCuts(bytes.count, using: &random)
                let outcome = parse(bytes, cuts: cuts)
                #expect(outcome == expected, "cuts \(cuts)")
                if outcome != expected { return }
            }
        }
    }

    @Test func largeBodyArrivesIntactAcrossManyPieces() throws {
        var random = SplitMix64(seed: 42)
        let body = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let bytes = Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let cuts = Array(stride(from: 1, to: bytes.count, by: 4093))
        #expect(try #require(parse(bytes, cuts: cuts).requests.first).body == body)
    }
}
