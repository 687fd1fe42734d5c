import Foundation
import HTTPServer
import Testing

/// Every limit and rejection, with its status, fed in one piece and byte by byte.
struct HTTPRequestParserErrorTests {
    /// One malformed or oversized request and the error it must produce.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let raw: String
        let error: HTTPParserError

        var testDescription: String { name }
    }

    /// Small limits so the cases stay readable.
    static let limits = HTTPParserLimits(
        maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 100, maxChunkLineBytes: 32)

    static let head = "POST / HTTP/1.1\r\nHost: x\r\n"
    static let chunked = head + "Transfer-Encoding: chunked\r\n\r\n"

    static let cases: [Case] = [
        // Framing conflicts.
        Case(
            name: "Content-Length with Transfer-Encoding",
            raw: head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
            error: .contentLengthWithTransferEncoding),
        Case(
            name: "conflicting Content-Length fields",
            raw: head + "Content-Length: 3\r\nContent-Length: 4\r\n\r\n", error: .invalidContentLength),
        Case(
            name: "conflicting Content-Length list", raw: head + "Content-Length: 3, 4\r\n\r\n",
            error: .invalidContentLength),
        Case(
            name: "non-numeric Content-Length", raw: head + "Content-Length: abc\r\n\r\n",
            error: .invalidContentLength),
        Case(name: "negative Content-Length", raw: head + "Content-Length: -1\r\n\r\n", error: .invalidContentLength),
        Case(name: "signed Content-Length", raw: head + "Content-Length: +1\r\n\r\n", error: .invalidContentLength),
        Case(name: "empty Content-Length", raw: head + "Content-Length:\r\n\r\n", error: .invalidContentLength),
        Case(
            name: "Content-Length with inner space", raw: head + "Content-Length: 1 2\r\n\r\n",
            error: .invalidContentLength),
        Case(
            name: "Transfer-Encoding in HTTP/1.0",
            raw: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", error: .transferEncodingInHTTP10),
        Case(
            name: "Transfer-Encoding gzip", raw: head + "Transfer-Encoding: gzip\r\n\r\n",
            error: .unsupportedTransferEncoding("gzip")),
        Case(
            name: "Transfer-Encoding gzip, chunked", raw: head + "Transfer-Encoding: gzip, chunked\r\n\r\n",
            error: .unsupportedTransferEncoding("gzip")),
        Case(
            name: "Transfer-Encoding chunked twice",
            raw: head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .invalidTransferEncoding),
        Case(
            name: "empty Transfer-Encoding", raw: head + "Transfer-Encoding: \r\n\r\n",
            error: .invalidTransferEncoding),
        Case(
            name: "Content-Encoding br", raw: head + "Content-Encoding: br\r\nContent-Length: 1\r\n\r\na",
            error: .unsupportedContentEncoding("br")),
        Case(
            name: "Content-Encoding gzip twice", raw: head + "Content-Encoding: gzip, gzip\r\n\r\n",
            error: .unsupportedContentEncoding("gzip")),
        Case(
            name: "unknown expectation", raw: head + "Expect: 200-ok\r\n\r\n",
            error: .unsupportedExpectation("200-ok")),

        // Header bytes.
        Case(name: "space before colon", raw: head + "Bad Name: x\r\n\r\n", error: .invalidHeaderName),
        Case(name: "quote in name", raw: head + "Bad\"Name: x\r\n\r\n", error: .invalidHeaderName),
        Case(name: "empty name", raw: head + ": x\r\n\r\n", error: .invalidHeaderName),
        Case(name: "no colon", raw: head + "NoColon\r\n\r\n", error: .invalidHeaderName),
        Case(name: "NUL in value", raw: head + "X-A: a\u{0}b\r\n\r\n", error: .invalidHeaderValue(name: "X-A")),
        Case(name: "DEL in value", raw: head + "X-A: a\u{7F}b\r\n\r\n", error: .invalidHeaderValue(name: "X-A")),
        Case(
            name: "control byte in value", raw: head + "X-A: a\u{1}b\r\n\r\n", error: .invalidHeaderValue(name: "X-A")),
        Case(name: "bare CR in value", raw: head + "X-A: a\rb\r\n\r\n", error: .invalidLineEnding),
        Case(name: "bare LF line endings", raw: "GET / HTTP/1.1\nHost: x\n\n", error: .invalidLineEnding),
        Case(name: "bare LF ending the head", raw: "GET / HTTP/1.1\r\nHost: x\r\n\n", error: .invalidLineEnding),
        Case(name: "obs-fold", raw: head + "X-A: a\r\n  b\r\n\r\n", error: .obsoleteLineFolding),
        Case(name: "obs-fold with tab", raw: head + "X-A: a\r\n\tb\r\n\r\n", error: .obsoleteLineFolding),
        Case(name: "missing Host", raw: "GET / HTTP/1.1\r\n\r\n", error: .invalidHost),
        Case(name: "two Host fields", raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error: .invalidHost),

        // Limits.
        Case(
            name: "oversize head", raw: head + "X-Big: " + String(repeating: "a", count: 300) + "\r\n\r\n",
            error: .headersTooLarge(limit: 256)),
        Case(
            name: "oversize head without an end", raw: head + String(repeating: "X-A: b\r\n", count: 40),
            error: .headersTooLarge(limit: 256)),
        Case(
            name: "too many fields", raw: head + String(repeating: "X-A: b\r\n", count: 8) + "\r\n",
            error: .tooManyHeaders(limit: 8)),
        Case(
            name: "Content-Length over the limit, body not sent", raw: head + "Content-Length: 101\r\n\r\n",
            error: .bodyTooLarge(limit: 100)),
        Case(
            name: "Content-Length beyond Int", raw: head + "Content-Length: 99999999999999999999999\r\n\r\n",
            error: .bodyTooLarge(limit: 100)),
        Case(
            name: "chunks over the limit", raw: chunked + "32\r\n" + String(repeating: "a", count: 50) + "\r\n33\r\n",
            error: .bodyTooLarge(limit: 100)),
        Case(name: "one chunk over the limit", raw: chunked + "ffffffff\r\n", error: .bodyTooLarge(limit: 100)),
        Case(
            name: "oversize trailers", raw: chunked + "0\r\nX-T: " + String(repeating: "t", count: 300) + "\r\n\r\n",
            error: .headersTooLarge(limit: 256)),

        // Chunk syntax.
        Case(name: "chunk size not hex", raw: chunked + "zz\r\n", error: .invalidChunkLine),
        Case(name: "empty chunk size", raw: chunked + "\r\n", error: .invalidChunkLine),
        Case(name: "chunk size overflow", raw: chunked + "fffffffffffffffff\r\n", error: .invalidChunkLine),
        Case(name: "chunk size with bare LF", raw: chunked + "3\nabc\r\n", error: .invalidChunkLine),
        Case(
            name: "chunk extension too long", raw: chunked + "3;" + String(repeating: "e", count: 40) + "\r\n",
            error: .invalidChunkLine),
        Case(name: "junk after chunk size", raw: chunked + "3 x\r\nabc\r\n", error: .invalidChunkLine),
        Case(name: "control byte in chunk extension", raw: chunked + "3;a=\u{1}\r\nabc\r\n", error: .invalidChunkLine),
        Case(name: "chunk data without CRLF", raw: chunked + "3\r\nabcd\r\n", error: .missingChunkTerminator),
        Case(name: "chunk data with bare LF", raw: chunked + "3\r\nabc\n", error: .missingChunkTerminator),
        Case(name: "invalid trailer", raw: chunked + "0\r\nBad Trailer: x\r\n\r\n", error: .invalidHeaderName),

        // Request line.
        Case(name: "no version (HTTP/0.9)", raw: "GET /\r\n\r\n", error: .invalidRequestLine),
        Case(name: "double space", raw: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "lower-case version", raw: "GET / http/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "trailing junk", raw: "GET / HTTP/1.1 x\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "bad method byte", raw: "G@T / HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "no method", raw: " / HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "tab in target", raw: "GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "non-ASCII target", raw: "GET /caf\u{e9} HTTP/1.1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "version without minor", raw: "GET / HTTP/1\r\nHost: x\r\n\r\n", error: .invalidRequestLine),
        Case(name: "HTTP/2 preface", raw: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", error: .http2Preface),
        Case(name: "HTTP/2.0", raw: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", error: .unsupportedVersion("HTTP/2.0")),
        Case(name: "HTTP/3", raw: "GET / HTTP/3\r\nHost: x\r\n\r\n", error: .unsupportedVersion("HTTP/3")),
        Case(name: "HTTP/0.9 with version", raw: "GET / HTTP/0.9\r\n\r\n", error: .unsupportedVersion("HTTP/0.9")),
    ]

    @Test(arguments: cases)
    func rejectedInOnePiece(_ testCase: Case) {
        #expect(parse(Array(testCase.raw.utf8), limits: Self.limits).error == testCase.error)
    }

    @Test(arguments: cases)
    func rejectedByteByByte(_ testCase: Case) {
        let bytes = Array(testCase.raw.utf8)
        #expect(parse(bytes, limits: Self.limits, cuts: byteAtATime(bytes)).error == testCase.error)
    }

    @Test(arguments: [
        (HTTPParserError.invalidRequestLine, 400), (.http2Preface, 505), (.unsupportedVersion("HTTP/2.0"), 505),
        (.headersTooLarge(limit: 1), 431), (.tooManyHeaders(limit: 1), 431), (.bodyTooLarge(limit: 1), 413),
        (.unsupportedTransferEncoding("gzip"), 501), (.unsupportedContentEncoding("br"), 415),
        (.unsupportedExpectation("x"), 417), (.contentLengthWithTransferEncoding, 400), (.obsoleteLineFolding, 400),
        (.invalidChunkLine, 400), (.invalidHost, 400),
    ])
    func errorsMapToStatuses(error: HTTPParserError, status: Int) {
        #expect(error.status == status)
        #expect(!error.description.isEmpty)
    }

    @Test func oversizeBodyIsRejectedBeforeAnyBodyByte() {
        var parser = HTTPRequestParser(limits: Self.limits)
        let raw = Array((Self.head + "Content-Length: 1000000\r\n\r\n").utf8)
        #expect(throws: HTTPParserError.bodyTooLarge(limit: 100)) { try parser.parse(raw) }
    }

    @Test func oversizeHeadIsRejectedBeforeItEnds() {
        var parser = HTTPRequestParser(limits: Self.limits)
        let raw = Array((Self.head + "X-Long: " + String(repeating: "v", count: 250)).utf8)
        #expect(throws: HTTPParserError.headersTooLarge(limit: 256)) { try parser.parse(raw) }
    }

    @Test func headExactlyAtTheLimitIsAccepted() {
        let base = Self.head + "X-Pad: \r\n\r\n"
        let padded = base.replacingPad(toLength: 256)
        #expect(padded.utf8.count == 256)
        #expect(parse(Array(padded.utf8), limits: Self.limits).error == nil)
        let over = base.replacingPad(toLength: 257)
        #expect(parse(Array(over.utf8), limits: Self.limits).error == .headersTooLarge(limit: 256))
    }

    @Test func failureIsSticky() {
        var parser = HTTPRequestParser(limits: Self.limits)
        #expect(throws: HTTPParserError.invalidRequestLine) { try parser.parse(Array("BAD\r\n\r\n".utf8)) }
        #expect(throws: HTTPParserError.invalidRequestLine) {
            try parser.parse(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        }
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() {
        let body = String(repeating: "b", count: 100)
        let raw = Self.head + "Content-Length: 100\r\n\r\n" + body
        #expect(parse(Array(raw.utf8), limits: Self.limits).requests.first?.body.count == 100)
        let chunkedRaw = Self.chunked + "64\r\n" + body + "\r\n0\r\n\r\n"
        #expect(parse(Array(chunkedRaw.utf8), limits: Self.limits).requests.first?.body.count == 100)
    }
}

extension String {
    /// Grows the `X-Pad` value so the whole string is `length` bytes.
    fileprivate func replacingPad(toLength length: Int) -> String {
        let padding = String(repeating: "p", count: length - utf8.count)
        return replacingOccurrences(of: "X-Pad: ", with: "X-Pad: " + padding)
    }
}
