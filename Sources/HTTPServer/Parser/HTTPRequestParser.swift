/// A pure, incremental HTTP/1.1 request parser: bytes in, request parts out, no IO (RFC 9112).
///
/// Feed it whatever arrived with `parse(_:)`; each call consumes bytes and returns at most one event. It copies head
/// bytes only when a head spans reads, and copies body bytes once, straight into the request's body. Every limit in
/// `HTTPParserLimits` is checked before the bytes it guards are stored. After an error the parser stays failed: the
/// connection answers with `error.status` and closes.
///
/// Splitting the same bytes differently yields the same events and the same errors.
package struct HTTPRequestParser: Sendable {
    /// Where the parser is within the current message.
    private enum State: Sendable {
        /// Looking for the end of the head.
        case head
        /// Reading a `Content-Length` body: bytes still expected.
        case body(remaining: Int)
        /// Reading a chunk-size line (into `lineBuffer`).
        case chunkLine
        /// Reading chunk data: bytes still expected.
        case chunkData(remaining: Int)
        /// Expecting the CRLF after chunk data; `sawCR` once the CR arrived.
        case chunkDataEnd(sawCR: Bool)
        /// Looking for the end of the trailer section.
        case trailers
        /// The message is complete; the next call reports it.
        case complete
        /// A previous call failed; every later call throws the same error.
        case failed(HTTPParserError)
    }

    /// What is known of the message being parsed, for error responses and logs.
    package struct Summary: Sendable {
        /// The method.
        package var method: String
        /// The raw request-target.
        package var target: String
        /// The header fields, once all of them were read (even if they were then rejected).
        package var headers: HTTPHeaders
    }

    /// The limits in force.
    package let limits: HTTPParserLimits
    private var state = State.head
    private var scanner = SectionScanner(endsOnFirstEmptyLine: false)
    /// Head or trailer bytes split across inputs.
    private var sectionBuffer: [UInt8] = []
    /// A chunk-size line being assembled.
    private var lineBuffer: [UInt8] = []
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The current message's request line and fields, once they were read.
    package private(set) var summary: Summary?

    /// Creates a parser waiting for a request.
    package init(limits: HTTPParserLimits = .init()) {
        self.limits = limits
    }

    /// Whether some bytes of a message have arrived but the message is not complete yet.
    package var hasPartialMessage: Bool {
        switch state {
        case .head: scanner.bytes > 0
        case .complete, .failed: false
        case .body, .chunkLine, .chunkData, .chunkDataEnd, .trailers: true
        }
    }

    /// Consumes bytes from `input` until one event is ready or the input is exhausted.
    ///
    /// - Returns: the event, if any, and how many bytes of `input` were consumed. Without an event, all of `input`
    ///   was consumed; with one, call again with the rest (even when it is empty: a body may complete without more
    ///   bytes).
    /// - Throws: `HTTPParserError` when the request is malformed or over a limit.
    package mutating func parse(
        _ input: UnsafeRawBufferPointer
    ) throws(HTTPParserError) -> (event: HTTPParserEvent?, consumed: Int) {
        if case .failed(let error) = state { throw error }
        do throws(HTTPParserError) {
            return try step(input)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Convenience for tests and small inputs: parses a byte array.
    package mutating func parse(_ input: [UInt8]) throws(HTTPParserError) -> (event: HTTPParserEvent?, consumed: Int) {
        try input.withUnsafeBytes { raw in
            Result { () throws(HTTPParserError) in try parse(raw) }
        }.get()
    }

    // MARK: - State machine

    private mutating func step(
        _ input: UnsafeRawBufferPointer
    ) throws(HTTPParserError) -> (event: HTTPParserEvent?, consumed: Int) {
        var offset = 0
        while true {
            switch state {
            case .head:
                guard offset < input.count else { return (nil, offset) }
                let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                guard let end = try scanner.scan(rest, limit: limits.maxHeaderBytes) else {
                    sectionBuffer.append(contentsOf: rest)
                    return (nil, input.count)
                }
                let limits = limits
                var summary: Summary?
                defer { self.summary = summary }
                let parsed = try Self.withSection(&sectionBuffer, UnsafeRawBufferPointer(rebasing: rest[..<end])) {
                    (bytes) throws(HTTPParserError) in try Self.parseHead(bytes, limits: limits, summary: &summary)
                }
                offset += end
                begin(parsed)
                return (.head(parsed), offset)

            case .body(let remaining):
                guard offset < input.count else { return (nil, offset) }
                let count = min(remaining, input.count - offset)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset..<(offset + count)]))
                offset += count
                state = remaining == count ? .complete : .body(remaining: remaining - count)

            case .chunkLine:
                guard offset < input.count else { return (nil, offset) }
                let rest = input[offset...]
                let newline = rest.firstIndex(of: ASCII.lf)
                let end = newline.map { $0 + 1 } ?? input.count
                guard lineBuffer.count + (end - offset) <= limits.maxChunkLineBytes else {
                    throw .invalidChunkLine
                }
                lineBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset..<end]))
                offset = end
                guard newline != nil else { return (nil, offset) }
                let size = try Self.chunkSize(lineBuffer)
                lineBuffer.removeAll(keepingCapacity: true)
                if size == 0 {
                    scanner = SectionScanner(endsOnFirstEmptyLine: true)
                    state = .trailers
                } else {
                    guard size <= limits.maxBodyBytes - body.count else {
                        throw .bodyTooLarge(limit: limits.maxBodyBytes)
                    }
                    if body.capacity - body.count < size {
                        body.reserveCapacity(body.count + min(max(size, body.count), 4 * 1024 * 1024))
                    }
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                guard offset < input.count else { return (nil, offset) }
                let count = min(remaining, input.count - offset)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset..<(offset + count)]))
                offset += count
                state = remaining == count ? .chunkDataEnd(sawCR: false) : .chunkData(remaining: remaining - count)

            case .chunkDataEnd(let sawCR):
                guard offset < input.count else { return (nil, offset) }
                let byte = input[offset]
                offset += 1
                if !sawCR {
                    guard byte == ASCII.cr else { throw .missingChunkTerminator }
                    state = .chunkDataEnd(sawCR: true)
                } else {
                    guard byte == ASCII.lf else { throw .missingChunkTerminator }
                    state = .chunkLine
                }

            case .trailers:
                guard offset < input.count else { return (nil, offset) }
                let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                guard let end = try scanner.scan(rest, limit: limits.maxHeaderBytes) else {
                    sectionBuffer.append(contentsOf: rest)
                    return (nil, input.count)
                }
                let fieldLimit = limits.maxHeaderCount
                try Self.withSection(&sectionBuffer, UnsafeRawBufferPointer(rebasing: rest[..<end])) {
                    (bytes) throws(HTTPParserError) in
                    var reader = LineReader(bytes)
                    _ = try reader.fields(limit: fieldLimit)
                }
                offset += end
                state = .complete

            case .complete:
                let request = HTTPParsedRequest(head: head!, body: body)
                head = nil
                body = []
                summary = nil
                scanner = SectionScanner(endsOnFirstEmptyLine: false)
                state = .head
                return (.complete(request), offset)

            case .failed(let error):
                throw error
            }
        }
    }

    /// Runs `body` over a complete head or trailer section: `bytes` alone, or appended to what earlier inputs left.
    private static func withSection<Value>(
        _ sectionBuffer: inout [UInt8], _ bytes: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws(HTTPParserError) -> Value
    ) throws(HTTPParserError) -> Value {
        if sectionBuffer.isEmpty { return try body(bytes) }
        sectionBuffer.append(contentsOf: bytes)
        defer {
            if sectionBuffer.capacity > 4096 {
                sectionBuffer = []
            } else {
                sectionBuffer.removeAll(keepingCapacity: true)
            }
        }
        return try sectionBuffer.withUnsafeBytes { raw in
            Result { () throws(HTTPParserError) in try body(raw) }
        }.get()
    }

    /// Moves to the body state the head calls for.
    private mutating func begin(_ parsed: HTTPRequestHead) {
        head = parsed
        switch parsed.framing {
        case .none:
            state = .complete
        case .length(let length):
            body.reserveCapacity(min(length, 4 * 1024 * 1024))
            state = .body(remaining: length)
        case .chunked:
            state = .chunkLine
        }
    }

    // MARK: - Head

    /// Parses a complete head (request line, fields, empty line) and interprets its framing fields.
    ///
    /// `summary` receives the request line and then the fields as soon as they are read, so an error response can
    /// still use them.
    private static func parseHead(
        _ bytes: UnsafeRawBufferPointer, limits: HTTPParserLimits, summary: inout Summary?
    ) throws(HTTPParserError) -> HTTPRequestHead {
        var reader = LineReader(bytes)
        var line = try reader.nextLine()
        while line.isEmpty { line = try reader.nextLine() }
        let (method, target, isHTTP10) = try requestLine(UnsafeRawBufferPointer(rebasing: bytes[line]))
        summary = Summary(method: method, target: target, headers: HTTPHeaders())
        let headers = try reader.fields(limit: limits.maxHeaderCount)
        summary?.headers = headers
        return try interpret(method: method, target: target, isHTTP10: isHTTP10, headers: headers, limits: limits)
    }

    /// Parses `method SP request-target SP HTTP-version`.
    private static func requestLine(
        _ line: UnsafeRawBufferPointer
    ) throws(HTTPParserError) -> (method: String, target: String, isHTTP10: Bool) {
        var index = 0
        while index < line.count, ASCII.isTokenByte(line[index]) { index += 1 }
        guard index > 0, index < line.count, line[index] == ASCII.space else { throw .invalidRequestLine }
        let methodEnd = index
        index += 1
        let targetStart = index
        while index < line.count, line[index] > 0x20, line[index] < 0x7F { index += 1 }
        guard index > targetStart, index < line.count, line[index] == ASCII.space else { throw .invalidRequestLine }
        let targetEnd = index
        let version = UnsafeRawBufferPointer(rebasing: line[(index + 1)...])
        let method = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<methodEnd]), as: UTF8.self)
        let target = String(decoding: UnsafeRawBufferPointer(rebasing: line[targetStart..<targetEnd]), as: UTF8.self)
        return (method, target, try isHTTP10(version, method: method, target: target))
    }

    /// Checks `HTTP/1.0` / `HTTP/1.1` (any 1.x is served as 1.1); returns whether it is 1.0.
    private static func isHTTP10(
        _ version: UnsafeRawBufferPointer, method: String, target: String
    ) throws(HTTPParserError) -> Bool {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard version.count >= 6, version.prefix(5).elementsEqual(prefix) else { throw .invalidRequestLine }
        let text = String(decoding: version, as: UTF8.self)
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard isDigit(version[5]) else { throw .invalidRequestLine }
        if method == "PRI", target == "*", text == "HTTP/2.0" { throw .http2Preface }
        guard version[5] == 0x31 else {
            guard version.dropFirst(5).allSatisfy({ isDigit($0) || $0 == 0x2E }) else { throw .invalidRequestLine }
            throw .unsupportedVersion(text)
        }
        guard version.count == 8, version[6] == 0x2E, isDigit(version[7]) else { throw .invalidRequestLine }
        return version[7] == 0x30
    }

    /// Applies RFC 9112 §6 (framing), §9 (connection) and RFC 9110 §10.1.1 (Expect) to the fields.
    private static func interpret(
        method: String, target: String, isHTTP10: Bool, headers: HTTPHeaders, limits: HTTPParserLimits
    ) throws(HTTPParserError) -> HTTPRequestHead {
        var hosts = 0
        var contentLength: Int?
        var lengthSeen = false
        var transferCodings: [Substring] = []
        var transferSeen = false
        var closeRequested = false
        var keepAliveRequested = false
        var expectsContinue = false
        var coding = HTTPRequestHead.ContentCoding.identity
        for (name, value) in headers {
            switch name.utf8.count {
            case 4 where ASCII.equalsIgnoringCase(name, "host"):
                hosts += 1
            case 14 where ASCII.equalsIgnoringCase(name, "content-length"):
                lengthSeen = true
                for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let digits = element.utf8.drop { ASCII.isWhitespace($0) }.reversed().drop { ASCII.isWhitespace($0) }
                    guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                        throw .invalidContentLength
                    }
                    guard digits.count <= 18 else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
                    let length = digits.reversed().reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    if let contentLength, contentLength != length { throw .invalidContentLength }
                    contentLength = length
                }
            case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding"):
                transferSeen = true
                transferCodings += ASCII.listElements(value)
            case 10 where ASCII.equalsIgnoringCase(name, "connection"):
                for option in ASCII.listElements(value) {
                    if ASCII.equalsIgnoringCase(option.utf8, lowercased: "close") { closeRequested = true }
                    if ASCII.equalsIgnoringCase(option.utf8, lowercased: "keep-alive") { keepAliveRequested = true }
                }
            case 6 where ASCII.equalsIgnoringCase(name, "expect"):
                guard !isHTTP10 else { continue }
                let expectation = value.trimmingWhitespace
                guard ASCII.equalsIgnoringCase(expectation.utf8, lowercased: "100-continue") else {
                    throw .unsupportedExpectation(String(expectation))
                }
                expectsContinue = true
            case 16 where ASCII.equalsIgnoringCase(name, "content-encoding"):
                for element in ASCII.listElements(value) {
                    if ASCII.equalsIgnoringCase(element.utf8, lowercased: "identity") { continue }
                    let isGzip =
                        ASCII.equalsIgnoringCase(element.utf8, lowercased: "gzip")
                        || ASCII.equalsIgnoringCase(element.utf8, lowercased: "x-gzip")
                    guard isGzip, coding == .identity else { throw .unsupportedContentEncoding(String(element)) }
                    coding = .gzip
                }
            default:
                continue
            }
        }
        guard isHTTP10 ? hosts <= 1 : hosts == 1 else { throw .invalidHost }
        var framing = HTTPRequestHead.Framing.none
        if transferSeen {
            guard !lengthSeen else { throw .contentLengthWithTransferEncoding }
            guard !isHTTP10 else { throw .transferEncodingInHTTP10 }
            guard !transferCodings.isEmpty else { throw .invalidTransferEncoding }
            for element in transferCodings where !ASCII.equalsIgnoringCase(element.utf8, lowercased: "chunked") {
                throw .unsupportedTransferEncoding(String(element))
            }
            guard transferCodings.count == 1 else { throw .invalidTransferEncoding }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            guard contentLength <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            framing = .length(contentLength)
        }
        return HTTPRequestHead(
            method: method, target: target, isHTTP10: isHTTP10, headers: headers, framing: framing,
            contentCoding: coding, keepAlive: isHTTP10 ? keepAliveRequested && !closeRequested : !closeRequested,
            expectsContinue: expectsContinue)
    }

    // MARK: - Chunks

    /// Parses `chunk-size [chunk-ext] CRLF` (RFC 9112 §7.1.1); extensions are checked for bytes, then ignored.
    private static func chunkSize(_ line: [UInt8]) throws(HTTPParserError) -> Int {
        guard line.count >= 2, line[line.count - 2] == ASCII.cr else { throw .invalidChunkLine }
        let content = line[..<(line.count - 2)]
        var size = 0
        var index = content.startIndex
        while index < content.endIndex, let digit = hexValue(content[index]) {
            guard size <= (Int.max >> 4) else { throw .invalidChunkLine }
            size = size << 4 | digit
            index += 1
        }
        guard index > content.startIndex else { throw .invalidChunkLine }
        while index < content.endIndex, ASCII.isWhitespace(content[index]) { index += 1 }
        guard index == content.endIndex || content[index] == ASCII.semicolon else { throw .invalidChunkLine }
        guard content[index...].allSatisfy(ASCII.isFieldValueByte) else { throw .invalidChunkLine }
        return size
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingWhitespace: SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? endIndex
        return self[start..<Swift.max(start, end)]
    }
}
