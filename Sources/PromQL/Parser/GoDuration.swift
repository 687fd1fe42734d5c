/// Prometheus's duration notation (`model.ParseDuration` and `model.Duration.String`), with Go's error messages.
enum GoDuration {
    /// Unit suffix, order (largest first) and nanoseconds per unit.
    private static let units: [(suffix: String, order: Int, nanoseconds: UInt64)] = [
        ("y", 1, 365 * 86_400_000_000_000), ("w", 2, 7 * 86_400_000_000_000), ("d", 3, 86_400_000_000_000),
        ("h", 4, 3_600_000_000_000), ("m", 5, 60_000_000_000), ("s", 6, 1_000_000_000), ("ms", 7, 1_000_000),
    ]

    /// The nanoseconds in `text`, or Prometheus's message for why it is not a duration.
    static func nanoseconds(_ text: String) -> Result<Int64, LiteralError> {
        if text == "0" { return .success(0) }
        if text.isEmpty { return .failure(LiteralError(message: "empty duration string")) }
        let bytes = Array(text.utf8)
        let invalid = LiteralError(message: "not a valid duration string: \(GoQuoting.quote(text))")
        var index = 0
        var total: UInt64 = 0
        var lastOrder = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { return .failure(invalid) }
            var value: UInt64 = 0
            var overflow = false
            while index < bytes.count, isDigit(bytes[index]) {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - 48))
                overflow = overflow || overflow1 || overflow2
                value = sum
                index += 1
            }
            if overflow { return .failure(invalid) }
            let unitStart = index
            while index < bytes.count, !isDigit(bytes[index]) { index += 1 }
            guard index > unitStart else { return .failure(invalid) }
            let unitText = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = units.first(where: { $0.suffix == unitText }) else {
                return .failure(
                    LiteralError(
                        message: "unknown unit \(GoQuoting.quote(unitText)) in duration \(GoQuoting.quote(text))"))
            }
            guard unit.order > lastOrder else { return .failure(invalid) }
            lastOrder = unit.order
            let limit: UInt64 = 1 << 63
            guard value <= limit / unit.nanoseconds else {
                return .failure(LiteralError(message: "duration out of range"))
            }
            total += value * unit.nanoseconds
            guard total <= limit - 1 else { return .failure(LiteralError(message: "duration out of range")) }
        }
        return .success(Int64(total))
    }

    /// Go's `time.Duration.Seconds()`.
    static func seconds(fromNanoseconds nanoseconds: Int64) -> Double {
        Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
    }

    /// `model.Duration(ms).String()` for a non-negative duration: `0s`, `1h30m`, `90d` (years and weeks only when they
    /// divide exactly).
    static func format(milliseconds: Int64) -> String {
        var rest = milliseconds.magnitude
        if rest == 0 { return "0s" }
        var out = milliseconds < 0 ? "-" : ""
        let parts: [(String, UInt64, Bool)] = [
            ("y", 365 * 86_400_000, true), ("w", 7 * 86_400_000, true), ("d", 86_400_000, false),
            ("h", 3_600_000, false), ("m", 60_000, false), ("s", 1_000, false), ("ms", 1, false),
        ]
        for (suffix, size, exact) in parts {
            if exact && rest % size != 0 { continue }
            let count = rest / size
            if count > 0 {
                out += "\(count)\(suffix)"
                rest -= count * size
            }
        }
        return out
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
