import TimeSeries

/// How the test runner prints values, times and results in its messages.
enum PromQLTestFormat {
    /// A float as Prometheus prints it in messages: integers without a fraction, `NaN`, `+Inf`, `-Inf`, and `stale`
    /// for the staleness marker.
    static func value(_ value: Double) -> String {
        if value.isStaleMarker { return "stale" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        }
        return "\(value)"
    }

    /// A time in milliseconds as a duration from the epoch (`1m30s`, `0s`, `-10s`).
    static func time(_ milliseconds: Int64) -> String {
        PrometheusDuration.format(milliseconds)
    }

    /// A query result, one series or sample per line.
    static func result(_ value: QueryValue) -> String {
        switch value {
        case .scalar(_, let scalar): return "scalar \(self.value(scalar))"
        case .string(_, let string): return "string \"\(string)\""
        case .vector(_, let samples):
            if samples.isEmpty { return "empty vector" }
            return samples.map { "\($0.labels) \(self.value($0.value))" }.joined(separator: "\n")
        case .matrix(let series):
            if series.isEmpty { return "empty matrix" }
            return series.map { entry in
                let points = entry.samples.map { "\(self.value($0.value))@\(time($0.timestamp))" }
                return "\(entry.labels) \(points.joined(separator: " "))"
            }.joined(separator: "\n")
        }
    }
}
