/// Which label and metric names are valid (Prometheus's `model.ValidationScheme`).
public enum NameValidationScheme: Sendable, Hashable {
    /// Prometheus 3's default and promtool's: any non-empty UTF-8 name.
    case utf8
    /// The classic rule: metric names `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*`.
    case legacy

    /// Whether `name` is a valid label (or annotation) name.
    public func isValidLabelName(_ name: String) -> Bool {
        switch self {
        // Swift strings are always valid UTF-8, so only emptiness is left to check.
        case .utf8: !name.isEmpty
        case .legacy: Self.matchesLegacy(name, allowColon: false)
        }
    }

    /// Whether `name` is a valid metric name.
    public func isValidMetricName(_ name: String) -> Bool {
        switch self {
        case .utf8: !name.isEmpty
        case .legacy: Self.matchesLegacy(name, allowColon: true)
        }
    }

    private static func matchesLegacy(_ name: String, allowColon: Bool) -> Bool {
        guard !name.isEmpty else { return false }
        for (index, byte) in name.utf8.enumerated() {
            let isLetter =
                (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 95
                || (allowColon && byte == 58)
            let isDigit = byte >= 48 && byte <= 57
            if !(isLetter || (index > 0 && isDigit)) { return false }
        }
        return true
    }
}
