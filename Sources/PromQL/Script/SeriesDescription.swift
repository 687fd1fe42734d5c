public import TimeSeries

/// One `metric{labels} values` line: the series of a `load` block or of an expected result in a PromQL test script.
public struct SeriesDescription: Sendable, Hashable {
    /// The series as written, e.g. `http_requests{job="api"}` or `{__name__="up"}` (no values).
    public var metric: String
    /// The expanded values.
    public var values: [SequenceValue]

    /// Creates a description.
    public init(metric: String, values: [SequenceValue]) {
        self.metric = metric
        self.values = values
    }

    /// Reads a whole line: the series (label values may hold spaces, braces and escaped quotes), whitespace, then
    /// values in expanding notation (see `SeriesValues`).
    ///
    /// - Throws: `SeriesValuesError` (`.nativeHistogram` for `{{…}}` values).
    public static func parse(_ line: String) throws(SeriesValuesError) -> SeriesDescription {
        let (metric, values) = try split(line)
        return SeriesDescription(metric: metric, values: try SeriesValues.parse(values))
    }

    /// The labels of `metric` (`PromQLParser.parseMetric`).
    public func labels() throws(ParseError) -> Labels {
        try PromQLParser.parseMetric(metric)
    }

    /// Splits a line into the series text and the values text, without reading either.
    static func split(_ line: String) throws(SeriesValuesError) -> (metric: String, values: String) {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        let start = index
        if index < bytes.count, !isDigit(bytes[index]) {
            while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            index = try closingBrace(bytes, from: index, line: line) + 1
        }
        guard index > start else {
            throw SeriesValuesError(.syntax, "expected a metric name or \"{\" at the start of \"\(line)\"")
        }
        if index < bytes.count, !isSpace(bytes[index]) {
            let rest = String(decoding: bytes[index...].prefix(1), as: UTF8.self)
            throw SeriesValuesError(.syntax, "unexpected character \"\(rest)\" after the series in \"\(line)\"")
        }
        let metric = String(decoding: bytes[start..<index], as: UTF8.self)
        let values = String(decoding: bytes[index...], as: UTF8.self)
        return (metric, values)
    }

    /// The index of the `}` closing the `{` at `open`, skipping quoted strings (`"…"`, `'…'` with backslash escapes,
    /// and raw `` `…` ``).
    private static func closingBrace(
        _ bytes: [UInt8], from open: Int, line: String
    ) throws(SeriesValuesError) -> Int {
        var index = open + 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "}"):
                return index
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                index += 1
                while index < bytes.count, bytes[index] != byte {
                    if bytes[index] == UInt8(ascii: "\\"), byte != UInt8(ascii: "`") { index += 1 }
                    index += 1
                }
                guard index < bytes.count else {
                    throw SeriesValuesError(.syntax, "unterminated quoted string in \"\(line)\"")
                }
            default:
                break
            }
            index += 1
        }
        throw SeriesValuesError(.syntax, "unclosed \"{\" in \"\(line)\"")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || isDigit(byte)
            || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }
}
