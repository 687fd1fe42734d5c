import TimeSeries

/// Text formats that must match what Go programs (Alertmanager, Prometheus) print: `strconv.Quote`,
/// `regexp.QuoteMeta`, label sets and byte-wise string order (time stamps: `TimeSeries.GoTime`).
enum GoText {
    /// Go's `sort.Strings` order: by UTF-8 bytes.
    static func bytewiseLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
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
