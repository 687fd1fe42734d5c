import TimeSeries

/// Prometheus's expanding notation for series values (`promtool test rules` `input_series` values and the `load`
/// lines of PromQL test scripts).
///
/// Items are separated by whitespace; each expands to one or more slots:
/// - `N`: one value. Numbers are decimal with optional exponent (`1e3`, `.5`, `1_000`), `Inf` or `NaN` (any case),
///   optionally signed (`-1`, `+Inf`); no hexadecimal (`0x3` reads as `0` repeated).
/// - `a+bxn`, `a-bxn`: n+1 values starting at `a`, adding ±b each time by repeated addition, as Prometheus does, so
///   float results are bit-identical (`1+0.1x2` is `1 1.1 1.2000000000000002`).
/// - `axn`: n+1 copies of `a`.
/// - `_`: one slot without a sample; `_xn`: n such slots (not n+1).
/// - `stale`: a staleness marker (`Sample.staleMarker`).
/// - `{{…}}`: a native histogram: rejected with `SeriesValuesError.nativeHistogram`.
public enum SeriesValues {
    /// Expands `text` into slots.
    public static func parse(_ text: String) throws(SeriesValuesError) -> [SequenceValue] {
        if text.contains("{{") { throw .nativeHistogram }
        var values: [SequenceValue] = []
        for item in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            let tokens = try tokenize(Substring(item))
            values.append(contentsOf: try expand(tokens, item: String(item)))
        }
        return values
    }

    private enum Token: Equatable {
        case plus, minus, times, blank
        case number(String)
        case identifier(String)
    }

    private static func expand(_ tokens: [Token], item: String) throws(SeriesValuesError) -> [SequenceValue] {
        switch tokens.first {
        case .blank:
            if tokens.count == 1 { return [.omitted] }
            guard tokens.count == 3, tokens[1] == .times else { throw unexpected(tokens[1], item) }
            return Array(repeating: .omitted, count: try repetitions(tokens[2]))
        case .none:
            return []
        default:
            break
        }
        var index = 0
        var value = try seriesValue(tokens, &index, item: item)
        if index == tokens.count { return [.value(value)] }
        if tokens[index] == .times {
            guard index + 2 == tokens.count else { throw unexpected(tokens[min(index + 2, tokens.count - 1)], item) }
            return Array(repeating: .value(value), count: try repetitions(tokens[index + 1]) + 1)
        }
        guard tokens[index] == .plus || tokens[index] == .minus else { throw unexpected(tokens[index], item) }
        let delta = try signedNumber(tokens, &index, item: item)
        guard index + 2 == tokens.count, tokens[index] == .times else {
            throw index < tokens.count ? unexpected(tokens[index], item) : endOfItem(item)
        }
        let count = try repetitions(tokens[index + 1]) + 1
        var values: [SequenceValue] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            values.append(.value(value))
            value += delta
        }
        return values
    }

    /// `series_value`: `stale`, a number or a signed number.
    private static func seriesValue(
        _ tokens: [Token], _ index: inout Int, item: String
    ) throws(SeriesValuesError) -> Double {
        switch tokens[index] {
        case .identifier(let name):
            guard name == "stale" else {
                throw SeriesValuesError(
                    .syntax, "unexpected identifier \"\(name)\" in series values, expected number or \"stale\"")
            }
            index += 1
            return Sample.staleMarker
        case .number(let text):
            index += 1
            return try number(text)
        case .plus, .minus:
            return try signedNumber(tokens, &index, item: item)
        default:
            throw unexpected(tokens[index], item)
        }
    }

    private static func signedNumber(
        _ tokens: [Token], _ index: inout Int, item: String
    ) throws(SeriesValuesError) -> Double {
        let negative = tokens[index] == .minus
        index += 1
        guard index < tokens.count else { throw endOfItem(item) }
        guard case .number(let text) = tokens[index] else { throw unexpected(tokens[index], item) }
        index += 1
        let value = try number(text)
        return negative ? -value : value
    }

    private static func number(_ text: String) throws(SeriesValuesError) -> Double {
        guard let value = GoNumber.parse(text) else {
            throw SeriesValuesError(.syntax, "error parsing number: \"\(text)\"")
        }
        return value
    }

    private static func repetitions(_ token: Token) throws(SeriesValuesError) -> Int {
        guard case .number(let text) = token else {
            throw SeriesValuesError(
                .syntax, "unexpected \(describe(token)) in series values, expected repetition count")
        }
        guard let count = GoNumber.parseUInt(text), count <= UInt64(Int32.max) else {
            throw SeriesValuesError(.syntax, "invalid repetition in series values: \"\(text)\"")
        }
        return Int(count)
    }

    private static func unexpected(_ token: Token, _ item: String) -> SeriesValuesError {
        SeriesValuesError(.syntax, "unexpected \(describe(token)) in series values item \"\(item)\"")
    }

    private static func endOfItem(_ item: String) -> SeriesValuesError {
        SeriesValuesError(.syntax, "unexpected end of series values item \"\(item)\"")
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .plus: "\"+\""
        case .minus: "\"-\""
        case .times: "\"x\""
        case .blank: "\"_\""
        case .number(let text): "number \"\(text)\""
        case .identifier(let name): "identifier \"\(name)\""
        }
    }

    /// Splits one item into tokens like Prometheus's lexer in series-description mode.
    private static func tokenize(_ item: Substring) throws(SeriesValuesError) -> [Token] {
        let bytes = Array(item.utf8)
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"): tokens.append(.plus); index += 1
            case UInt8(ascii: "-"): tokens.append(.minus); index += 1
            case UInt8(ascii: "x"): tokens.append(.times); index += 1
            case UInt8(ascii: "_"): tokens.append(.blank); index += 1
            case _ where startsNumber(bytes, index):
                let start = index
                guard scanNumber(bytes, &index) else {
                    let text = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
                    throw SeriesValuesError(.syntax, "bad number syntax: \"\(text)\"")
                }
                tokens.append(.number(String(decoding: bytes[start..<index], as: UTF8.self)))
            case _ where isAlpha(byte):
                let start = index
                while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                let lower = word.lowercased()
                tokens.append(lower == "inf" || lower == "nan" ? .number(word) : .identifier(word))
            default:
                let character = String(item[item.utf8.index(item.startIndex, offsetBy: index)...].prefix(1))
                throw SeriesValuesError(.syntax, "unexpected character in series sequence: \"\(character)\"")
            }
        }
        return tokens
    }

    /// Prometheus's `scanNumber` without hexadecimal: `[.][d][d._eE]*` with the rules that `.` and the exponent
    /// appear once, `_` separates digits, and the number is followed by `x` or a non-alphanumeric character.
    private static func scanNumber(_ bytes: [UInt8], _ index: inout Int) -> Bool {
        let start = index
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
        func accept(_ set: String) -> Bool {
            if let byte = peek(), set.utf8.contains(byte) {
                index += 1
                return true
            }
            return false
        }
        _ = accept(".")
        _ = accept("0123456789")
        var dotSeen = false
        var exponentSeen = false
        while let byte = peek(), "0123456789._eE".utf8.contains(byte) {
            if byte == UInt8(ascii: ".") {
                if dotSeen { index += 1; return false }
                index += 1
                dotSeen = true
                if accept("_.") { return false }
                continue
            }
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                if exponentSeen { index += 1; return false }
                index += 1
                exponentSeen = true
                _ = accept("+-")
                if accept("._eE") || peek() == nil { return false }
                continue
            }
            if byte == UInt8(ascii: "_") {
                index += 1
                if accept("._eE") || peek() == nil { return false }
                continue
            }
            while let digit = peek(), isDigit(digit) { index += 1 }
        }
        guard index > start else { return false }
        guard let next = peek() else { return true }
        return next == UInt8(ascii: "x") || !(isAlpha(next) || isDigit(next))
    }

    private static func startsNumber(_ bytes: [UInt8], _ index: Int) -> Bool {
        isDigit(bytes[index])
            || (bytes[index] == UInt8(ascii: ".") && index + 1 < bytes.count && isDigit(bytes[index + 1]))
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: ":")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }
}
