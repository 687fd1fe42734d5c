/// A bounds-checked, non-allocating tokenizer for OTLP/JSON bodies (RFC 8259 plus the proto3 JSON mapping's
/// value forms), over which `JSONReader+Metrics.swift` and `JSONReader+Common.swift` decode the metrics tree.
///
/// Objects are walked with `beginObject` / `nextKey` and arrays with `beginArray` / `nextElement`; values are read by
/// the type the proto field declares. 64-bit integers are accepted as strings or numbers and parsed from their digits,
/// never through `Double`; doubles also accept `"NaN"`, `"Infinity"` and `"-Infinity"`. Errors name the byte offset.
struct JSONReader {
    /// The whole body.
    let bytes: UnsafeBufferPointer<UInt8>
    /// What the reader has built so far, checked against the limits.
    var budget: DecodeBudget
    /// The offset of the next byte to read.
    private(set) var position = 0

    /// Creates a reader at the start of `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, limits: OTLPDecodeLimits) {
        self.bytes = bytes
        budget = DecodeBudget(limits: limits)
    }

    /// An error at the current position.
    func error(_ what: String) -> OTLPDecodeError {
        OTLPDecodeError("\(what) at byte \(position)")
    }

    // MARK: - Structure

    /// Skips spaces, tabs, carriage returns and newlines.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0a, 0x0d: position &+= 1
            default: return
            }
        }
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws(OTLPDecodeError) {
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected data after the JSON value") }
    }

    /// The next non-whitespace byte, without consuming it.
    private mutating func peek() throws(OTLPDecodeError) -> UInt8 {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        return bytes[position]
    }

    /// Skips whitespace and returns the offset where the next value starts.
    private mutating func valueStart() -> Int {
        skipWhitespace()
        return position
    }

    /// Consumes `null` when it comes next; a null value leaves its field unset.
    mutating func consumeNull() throws(OTLPDecodeError) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    /// Consumes `{` of an object at nesting level `depth`.
    mutating func beginObject(depth: Int) throws(OTLPDecodeError) {
        guard try peek() == UInt8(ascii: "{") else { throw error("expected an object") }
        try budget.checkDepth(depth, at: position)
        position &+= 1
    }

    /// The next key of the current object (the value follows), or nil after the closing `}`.
    mutating func nextKey(first: inout Bool) throws(OTLPDecodeError) -> JSONKey? {
        var byte = try peek()
        if byte == UInt8(ascii: "}") {
            position &+= 1
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' in object") }
            position &+= 1
            byte = try peek()
        }
        first = false
        guard byte == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let key = try readKey()
        guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after key") }
        position &+= 1
        return key
    }

    /// Consumes `[` of an array at nesting level `depth`.
    mutating func beginArray(depth: Int) throws(OTLPDecodeError) {
        guard try peek() == UInt8(ascii: "[") else { throw error("expected an array") }
        try budget.checkDepth(depth, at: position)
        position &+= 1
    }

    /// Whether another element follows in the current array; false after the closing `]`.
    mutating func nextElement(first: inout Bool) throws(OTLPDecodeError) -> Bool {
        let byte = try peek()
        if byte == UInt8(ascii: "]") {
            position &+= 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' in array") }
            position &+= 1
        }
        first = false
        return true
    }

    /// Skips any JSON value, checking its syntax and nesting.
    mutating func skipValue(depth: Int) throws(OTLPDecodeError) {
        switch try peek() {
        case UInt8(ascii: "{"):
            try beginObject(depth: depth)
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try beginArray(depth: depth)
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
        case UInt8(ascii: "n"):
            try expectLiteral("null")
        default:
            _ = try scanNumber()
        }
    }

    /// Consumes exactly `literal`.
    private mutating func expectLiteral(_ literal: StaticString) throws(OTLPDecodeError) {
        let matched = literal.withUTF8Buffer { expected in
            bytes.count &- position >= expected.count
                && UnsafeBufferPointer(rebasing: bytes[position..<position &+ expected.count]).elementsEqual(expected)
        }
        guard matched else { throw error("invalid literal") }
        position &+= literal.utf8CodeUnitCount
    }

    // MARK: - Strings

    /// Scans a string starting at its opening quote; returns the byte range between the quotes and whether it
    /// contains escapes. Control characters must be escaped; UTF-8 is validated when the string is decoded.
    private mutating func scanString() throws(OTLPDecodeError) -> (range: Range<Int>, escaped: Bool) {
        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        position &+= 1
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let range = start..<position
                position &+= 1
                return (range, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position &+= 2
                continue
            }
            guard byte >= 0x20 else { throw error("unescaped control character in string") }
            position &+= 1
        }
        position = bytes.count
        throw error("unterminated string")
    }

    /// Reads a string value.
    mutating func readString() throws(OTLPDecodeError) -> String {
        let start = valueStart()
        let (range, escaped) = try scanString()
        return try decodeString(range, escaped: escaped, start: start)
    }

    /// Reads an object key.
    private mutating func readKey() throws(OTLPDecodeError) -> JSONKey {
        let start = position
        let (range, escaped) = try scanString()
        let raw = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped || raw.contains(where: { $0 >= 0x80 }) {
            return .decoded(try decodeString(range, escaped: escaped, start: start))
        }
        return .raw(raw)
    }

    /// The string in `range`, with escapes resolved and UTF-8 validated.
    private func decodeString(_ range: Range<Int>, escaped: Bool, start: Int) throws(OTLPDecodeError) -> String {
        if range.isEmpty { return "" }
        if !escaped {
            guard let string = UTF8Validation.string(UnsafeBufferPointer(rebasing: bytes[range])) else {
                throw OTLPDecodeError("invalid UTF-8 in string at byte \(start)")
            }
            return string
        }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index &+= 1
                continue
            }
            guard index &+ 1 < range.upperBound else { throw OTLPDecodeError("invalid escape at byte \(index)") }
            let escape = bytes[index &+ 1]
            index &+= 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0c)
            case UInt8(ascii: "n"): output.append(0x0a)
            case UInt8(ascii: "r"): output.append(0x0d)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: index, end: range.upperBound)
                index &+= 4
                if scalar >= 0xd800, scalar < 0xdc00, index &+ 6 <= range.upperBound,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index &+ 1] == UInt8(ascii: "u")
                {
                    let low = try hex4(at: index &+ 2, end: range.upperBound)
                    if low >= 0xdc00, low < 0xe000 {
                        scalar = 0x10000 &+ ((scalar &- 0xd800) << 10) &+ (low &- 0xdc00)
                        index &+= 6
                    }
                }
                // A lone surrogate becomes U+FFFD, as Go's encoding/json does.
                let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                output.append(contentsOf: Array(String(Character(value)).utf8))
            default:
                throw OTLPDecodeError("invalid escape '\\\(Character(Unicode.Scalar(escape)))' at byte \(index &- 2)")
            }
        }
        let decoded = output.withUnsafeBufferPointer { UTF8Validation.string($0) }
        guard let string = decoded else {
            throw OTLPDecodeError("invalid UTF-8 in string at byte \(start)")
        }
        return string
    }

    /// The value of the four hex digits at `index`.
    private func hex4(at index: Int, end: Int) throws(OTLPDecodeError) -> UInt32 {
        guard end &- index >= 4 else { throw OTLPDecodeError("truncated \\u escape at byte \(index)") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = Hex.value(of: bytes[index &+ offset]) else {
                throw OTLPDecodeError("invalid \\u escape at byte \(index)")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: - Numbers

    /// Scans a JSON number; returns its byte range and whether it is a plain integer (no fraction or exponent).
    private mutating func scanNumber() throws(OTLPDecodeError) -> (range: Range<Int>, integer: Bool) {
        skipWhitespace()
        let start = position
        guard let end = JSONNumber.scan(bytes, from: start) else { throw error("invalid number") }
        position = end.end
        return (start..<end.end, end.integer)
    }

    /// The bytes of a numeric value: a JSON number, or the contents of a string (the proto3 JSON form of 64-bit
    /// integers, also accepted for every other number).
    private mutating func numericToken() throws(OTLPDecodeError) -> (bytes: UnsafeBufferPointer<UInt8>, start: Int) {
        let start = valueStart()
        if start < bytes.count, bytes[start] == UInt8(ascii: "\"") {
            let (range, escaped) = try scanString()
            guard !escaped else { throw OTLPDecodeError("invalid number string at byte \(start)") }
            return (UnsafeBufferPointer(rebasing: bytes[range]), start)
        }
        let (range, _) = try scanNumber()
        return (UnsafeBufferPointer(rebasing: bytes[range]), start)
    }

    /// Reads a uint64 (fixed64, uint64) from a number or a string.
    mutating func readUInt64() throws(OTLPDecodeError) -> UInt64 {
        let (token, start) = try numericToken()
        guard let value = JSONNumber.unsigned(token) else {
            throw OTLPDecodeError("invalid unsigned 64-bit integer at byte \(start)")
        }
        return value
    }

    /// Reads an int64 (sfixed64, int64) from a number or a string.
    mutating func readInt64() throws(OTLPDecodeError) -> Int64 {
        let (token, start) = try numericToken()
        guard let value = JSONNumber.signed(token) else {
            throw OTLPDecodeError("invalid signed 64-bit integer at byte \(start)")
        }
        return value
    }

    /// Reads an int32 (sint32, enum number) from a number or a string.
    mutating func readInt32() throws(OTLPDecodeError) -> Int32 {
        let start = valueStart()
        guard let value = Int32(exactly: try readInt64()) else {
            throw OTLPDecodeError("32-bit integer out of range at byte \(start)")
        }
        return value
    }

    /// Reads a uint32 (flags, counts) from a number or a string.
    mutating func readUInt32() throws(OTLPDecodeError) -> UInt32 {
        let start = valueStart()
        guard let value = UInt32(exactly: try readUInt64()) else {
            throw OTLPDecodeError("unsigned 32-bit integer out of range at byte \(start)")
        }
        return value
    }

    /// Reads a double from a number, a numeric string, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    mutating func readDouble() throws(OTLPDecodeError) -> Double {
        let (token, start) = try numericToken()
        guard let value = JSONNumber.double(token) else { throw OTLPDecodeError("invalid number at byte \(start)") }
        return value
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(OTLPDecodeError) -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return false
        default:
            throw error("expected true or false")
        }
    }

    // MARK: - Bytes

    /// Reads a base64 string (standard or URL-safe alphabet, padded or not), the proto3 JSON form of `bytes`.
    mutating func readBase64() throws(OTLPDecodeError) -> [UInt8] {
        let start = valueStart()
        let (range, escaped) = try scanString()
        guard !escaped, let decoded = Base64.decode(UnsafeBufferPointer(rebasing: bytes[range])) else {
            throw OTLPDecodeError("invalid base64 at byte \(start)")
        }
        return decoded
    }

    /// Reads a hex string, OTLP/JSON's form of trace and span ids (case-insensitive).
    mutating func readHex() throws(OTLPDecodeError) -> [UInt8] {
        let start = valueStart()
        let (range, escaped) = try scanString()
        guard !escaped, let decoded = Hex.decode(UnsafeBufferPointer(rebasing: bytes[range])) else {
            throw OTLPDecodeError("invalid hex id at byte \(start)")
        }
        return decoded
    }
}
