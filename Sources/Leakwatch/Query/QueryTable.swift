import PromQL
import TimeSeries

/// A query result as an aligned text table for people: `SERIES`, `VALUE` (right-aligned, as the API writes it) and
/// `TIME` (RFC 3339, UTC, milliseconds). A matrix gives one row per point and names each series on its first row.
enum QueryTable {
    /// The table, ending in a newline; `empty query result` when there is nothing to show.
    static func render(_ value: QueryValue) -> String {
        var rows: [[String]] = []
        switch value {
        case .scalar(let timestamp, let number):
            rows.append(["scalar", GoFloat.fixed(number), time(timestamp)])
        case .string(let timestamp, let text):
            rows.append(["string", text, time(timestamp)])
        case .vector(_, let samples):
            for sample in samples {
                rows.append([sample.labels.description, GoFloat.sampleValue(sample.value), time(sample.timestamp)])
            }
        case .matrix(let series):
            for one in series {
                if one.samples.isEmpty { rows.append([one.labels.description, "", ""]) }
                for (index, sample) in one.samples.enumerated() {
                    rows.append([
                        index == 0 ? one.labels.description : "", GoFloat.sampleValue(sample.value),
                        time(sample.timestamp),
                    ])
                }
            }
        }
        guard !rows.isEmpty else { return "empty query result\n" }
        let header = ["SERIES", "VALUE", "TIME"]
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let series = cells[0] + String(repeating: " ", count: widths[0] - cells[0].count)
            let value = String(repeating: " ", count: widths[1] - cells[1].count) + cells[1]
            return series + "  " + value + "  " + cells[2]
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// `2015-07-01T20:10:51.781Z`.
    static func time(_ milliseconds: Int64) -> String {
        let (days, millisecondOfDay) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let hour = millisecondOfDay / 3_600_000
        let minute = millisecondOfDay / 60_000 % 60
        let second = millisecondOfDay / 1000 % 60
        let millisecond = millisecondOfDay % 1000
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            + ".\(pad(millisecond, 3))Z"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
