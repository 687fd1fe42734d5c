import TimeSeries

/// Go's text formats that promtool's messages use.
enum GoText {
    /// Go's `time.Duration.String()` of whole milliseconds: `0s`, `1.5s`, `1m0s`, `1h0m0s`, `-5m0s`.
    static func duration(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        let sign = milliseconds < 0 ? "-" : ""
        let total = milliseconds.magnitude
        if total < 1000 { return "\(sign)\(total)ms" }
        let hours = total / 3_600_000
        let minutes = total / 60_000 % 60
        let millis = total % 60_000
        var seconds = "\(millis / 1000)"
        if millis % 1000 != 0 {
            var fraction = String(millis % 1000)
            while fraction.count < 3 { fraction = "0" + fraction }
            while fraction.hasSuffix("0") { fraction.removeLast() }
            seconds += "." + fraction
        }
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)s" }
        return "\(sign)\(seconds)s"
    }
}

extension GoText {
    /// Go's `strconv.FormatFloat(value, 'E', -1, 64)`: shortest round-trip digits, `1.064E+09`, `1E+00`, `NaN`,
    /// `+Inf`.
    static func scientific(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0E+00" : "0E+00" }
        // Swift's description is the shortest round-trip representation; take its digits and exponent.
        var text = "\(value.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(integer + fraction)
        exponent += integer.count - 1
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var result = value.sign == .minus ? "-" : ""
        result.append(digits[0])
        if digits.count > 1 { result += "." + String(digits[1...]) }
        let magnitude = abs(exponent)
        result += "E" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        return result
    }

    /// Prometheus's `labels.Labels.String()`: `{a="b", c="d"}` sorted by name, the name label included.
    static func labels(_ pairs: [(String, String)]) -> String {
        "{" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(GoQuote.quote($0.1))" }.joined(separator: ", ") + "}"
    }
}
