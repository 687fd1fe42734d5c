/// Durations in Prometheus's notation: `1h30m`, `15d`, `500ms`, `2w`, `1y`.
///
/// Units, largest first and each at most once: `y` (365d), `w`, `d`, `h`, `m`, `s`, `ms`. `0` alone is allowed.
public enum PrometheusDuration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1_000), ("ms", 1),
    ]

    /// Milliseconds in `text`, or nil when it is not a valid duration or overflows.
    public static func milliseconds(_ text: String) -> Int64? {
        if text == "0" { return 0 }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var lastUnit = -1
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - 48))
                guard !overflow1, !overflow2 else { return nil }
                number = sum
                index += 1
            }
            guard index > digitsStart, index < bytes.count else { return nil }
            // `ms` must be tried before `m`.
            let unitIndex: Int
            if bytes[index] == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                unitIndex = 6
                index += 2
            } else if let found = units.firstIndex(where: {
                $0.suffix.utf8.count == 1 && $0.suffix.utf8.first == bytes[index]
            }) {
                unitIndex = found
                index += 1
            } else {
                return nil
            }
            guard unitIndex > lastUnit else { return nil }
            lastUnit = unitIndex
            let (part, overflow1) = number.multipliedReportingOverflow(by: units[unitIndex].milliseconds)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow1, !overflow2 else { return nil }
            total = sum
        }
        return total
    }

    /// The canonical text for `milliseconds`, as Prometheus prints it (`1h30m`, `0s`).
    public static func format(_ milliseconds: Int64) -> String {
        guard milliseconds != 0 else { return "0s" }
        var rest = milliseconds.magnitude
        var out = milliseconds < 0 ? "-" : ""
        for (suffix, size) in units {
            let count = rest / UInt64(size)
            if count > 0 {
                out += "\(count)\(suffix)"
                rest -= count * UInt64(size)
            }
        }
        return out
    }
}
