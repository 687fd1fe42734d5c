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
        GoTime.rfc3339Millis(milliseconds: milliseconds)
    }
}
