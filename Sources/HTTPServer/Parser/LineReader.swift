/// Reads CRLF-terminated lines and field lines from a complete head or trailer section.
struct LineReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// Creates a reader over a section that ends with an empty line.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next line's content (CRLF excluded) as offsets into the section.
    ///
    /// - Throws: `.invalidLineEnding` for a bare LF or a CR inside the line.
    mutating func nextLine() throws(HTTPParserError) -> Range<Int> {
        let start = position
        var index = start
        while index < bytes.count, bytes[index] != ASCII.lf {
            index += 1
        }
        guard index < bytes.count, index > start, bytes[index - 1] == ASCII.cr else { throw .invalidLineEnding }
        let end = index - 1
        position = index + 1
        if bytes[start..<end].contains(ASCII.cr) { throw .invalidLineEnding }
        return start..<end
    }

    /// Reads `field-name ":" OWS field-value OWS` lines up to the empty line (RFC 9112 §5).
    mutating func fields(limit: Int) throws(HTTPParserError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        while true {
            let line = try nextLine()
            if line.isEmpty { return headers }
            guard headers.count < limit else { throw .tooManyHeaders(limit: limit) }
            guard !ASCII.isWhitespace(bytes[line.lowerBound]) else { throw .obsoleteLineFolding }
            var index = line.lowerBound
            while index < line.upperBound, ASCII.isTokenByte(bytes[index]) { index += 1 }
            guard index > line.lowerBound, index < line.upperBound, bytes[index] == ASCII.colon else {
                throw .invalidHeaderName
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[line.lowerBound..<index]), as: UTF8.self)
            var valueStart = index + 1
            var valueEnd = line.upperBound
            while valueStart < valueEnd, ASCII.isWhitespace(bytes[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, ASCII.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
            let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            guard value.allSatisfy(ASCII.isFieldValueByte) else { throw .invalidHeaderValue(name: name) }
            headers.add(name, String(decoding: value, as: UTF8.self))
        }
    }
}
