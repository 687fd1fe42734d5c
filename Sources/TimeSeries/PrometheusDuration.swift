/// Durations in Prometheus's notation: `1h30m`, `15d`, `500ms`, `2w`, `1y` (prometheus/common `model.ParseDuration`).
///
/// Units, largest first and each at most once: `y` (365d), `w`, `d`, `h`, `m`, `s`, `ms`. `0` alone is allowed. No
/// sign, no fraction, no spaces. The value must fit Go's `time.Duration` (nanoseconds in an Int64, about 292 years).
public enum PrometheusDuration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1_000), ("ms", 1),
    ]

    /// Milliseconds in `text`, or nil when it is not a valid duration or is out of range.
    public static func milliseconds(_ text: String) -> Int64? {
        try? parse(text)
    }

    /// Milliseconds in `text`, or the error Prometheus reports for it (`not a valid duration string: "1.5h"`).
    public static func parse(_ text: String) throws(PrometheusDurationError) -> Int64 {
        if text == "0" { return 0 }
        if text.isEmpty { throw .empty }
        let bytes = Array(text.utf8)
        let nanosecondsPerMillisecond: UInt64 = 1_000_000
        var index = 0
        var total: UInt64 = 0
        var lastUnit = -1
        while index < bytes.count {
            guard isDigit(bytes[index]) else { throw .invalid(text) }
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard let number = UInt64(String(decoding: bytes[digitsStart..<index], as: UTF8.self)) else {
                throw .invalid(text)
            }
            let unitStart = index
            while index < bytes.count, !isDigit(bytes[index]) { index += 1 }
            guard index > unitStart else { throw .invalid(text) }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unitIndex = units.firstIndex(where: { $0.suffix == unit }) else {
                throw .unknownUnit(unit, in: text)
            }
            guard unitIndex > lastUnit else { throw .invalid(text) }
            lastUnit = unitIndex
            // Go checks the value in nanoseconds against 2^63.
            let multiplier = UInt64(units[unitIndex].milliseconds) * nanosecondsPerMillisecond
            guard number <= (UInt64(1) << 63) / multiplier else { throw .outOfRange }
            total += number * multiplier
            guard total <= UInt64(Int64.max) else { throw .outOfRange }
        }
        return Int64(total / nanosecondsPerMillisecond)
    }

    /// The canonical text for `milliseconds`, as Prometheus prints it (`1h30m`, `90d`, `0s`): years and weeks only
    /// when they divide the value exactly.
    public static func format(_ milliseconds: Int64) -> String {
        guard milliseconds != 0 else { return "0s" }
        var rest = milliseconds.magnitude
        var out = milliseconds < 0 ? "-" : ""
        for (index, (suffix, size)) in units.enumerated() {
            if index < 2 && rest % UInt64(size) != 0 { continue }
            let count = rest / UInt64(size)
            if count > 0 {
                out += "\(count)\(suffix)"
                rest -= count * UInt64(size)
            }
        }
        return out
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
