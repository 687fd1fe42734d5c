import TimeSeries

/// Text formats that must match what Go programs (Alertmanager, Prometheus) print: time stamps, `strconv.Quote`,
/// `regexp.QuoteMeta`, and byte-wise string order.
enum GoText {
    /// Go's `sort.Strings` order: by UTF-8 bytes.
    static func bytewiseLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Go's zero `time.Time` in JSON.
    static let zeroTime = "0001-01-01T00:00:00Z"

    /// A millisecond time stamp as Go's `time.Time` JSON (RFC 3339 with nanoseconds, trailing zeros trimmed) in UTC:
    /// `2026-05-04T10:15:00.12Z`.
    static func rfc3339Nano(milliseconds: Int64) -> String {
        let (base, millis) = dateTime(milliseconds: milliseconds)
        guard millis != 0 else {
            return base + "Z"
        }
        var fraction = String(millis)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") {
            fraction.removeLast()
        }
        return base + "." + fraction + "Z"
    }

    /// A millisecond time stamp as go-openapi's `strfmt.DateTime` JSON (RFC 3339, always three fraction digits) in
    /// UTC: `2026-05-04T10:15:00.000Z`.
    static func rfc3339Millis(milliseconds: Int64) -> String {
        let (base, millis) = dateTime(milliseconds: milliseconds)
        let fraction = String(millis)
        return base + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS` and the milliseconds part, proleptic Gregorian calendar in UTC.
    private static func dateTime(milliseconds: Int64) -> (String, Int64) {
        let millis = ((milliseconds % 1000) + 1000) % 1000
        let seconds = (milliseconds - millis) / 1000
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let days = (seconds - secondOfDay) / 86_400
        // Civil date from days since 1970-01-01 (era-based algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let text =
            pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return (text, millis)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Go's `strconv.Quote` (the one implementation in TimeSeries).
    static func quote(_ value: String) -> String {
        GoQuote.quote(value)
    }

    /// Go's `regexp.QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
    static func quoteMeta(_ value: String) -> String {
        var result = ""
        for character in value.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(character) {
                result += "\\"
            }
            result.unicodeScalars.append(character)
        }
        return result
    }

    /// Prometheus's `model.LabelSet.String()`: `{a="1", b="2"}` with the `name="value"` items sorted.
    static func labelSet(_ labels: [String: String]) -> String {
        let items = labels.map { $0.key + "=" + quote($0.value) }.sorted(by: bytewiseLess)
        return "{" + items.joined(separator: ", ") + "}"
    }

    /// Alertmanager's `labels.Matchers.String()` for equality matchers: `{a="1",b="2"}`, sorted by name then value.
    static func equalityMatchers(_ match: [String: String]) -> String {
        let names = match.keys.sorted(by: bytewiseLess)
        let items = names.map { name in matcherName(name) + "=" + quote(match[name] ?? "") }
        return "{" + items.joined(separator: ",") + "}"
    }

    /// A matcher's name: quoted (Go `strconv.Quote`) when it holds a space or one of ``{}!=~,\"'` ``.
    private static func matcherName(_ name: String) -> String {
        let reserved = name.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || "{}!=~,\\\"'`".unicodeScalars.contains(scalar)
        }
        return reserved ? quote(name) : name
    }
}
