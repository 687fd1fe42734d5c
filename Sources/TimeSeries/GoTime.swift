/// Millisecond time stamps printed as Go programs print `time.Time` in UTC (Prometheus's API, Alertmanager's JSON):
/// one civil-date conversion shared by the API, the CLI tables and the notification payloads.
public enum GoTime {
    /// Go's zero `time.Time` in JSON: `0001-01-01T00:00:00Z`.
    public static let zeroTime = "0001-01-01T00:00:00Z"

    /// RFC 3339 with nanoseconds, trailing zeros trimmed (Go's `time.RFC3339Nano`, `encoding/json`):
    /// `2026-05-04T10:15:00.12Z`, `2026-05-04T10:15:00Z`.
    public static func rfc3339Nano(milliseconds: Int64) -> String {
        let (base, millis) = dateTime(milliseconds: milliseconds)
        guard millis != 0 else { return base + "Z" }
        var fraction = pad(millis, 3)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return base + "." + fraction + "Z"
    }

    /// RFC 3339 with exactly three fraction digits (go-openapi's `strfmt.DateTime`): `2026-05-04T10:15:00.000Z`.
    public static func rfc3339Millis(milliseconds: Int64) -> String {
        let (base, millis) = dateTime(milliseconds: milliseconds)
        return base + "." + pad(millis, 3) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS` and the milliseconds part, proleptic Gregorian calendar in UTC.
    private static func dateTime(milliseconds: Int64) -> (String, Int64) {
        let (days, millisecondOfDay) = floorDivision(milliseconds, 86_400_000)
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
            pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(millisecondOfDay / 3_600_000, 2) + ":"
            + pad(millisecondOfDay / 60_000 % 60, 2) + ":" + pad(millisecondOfDay / 1000 % 60, 2)
        return (text, millisecondOfDay % 1000)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
