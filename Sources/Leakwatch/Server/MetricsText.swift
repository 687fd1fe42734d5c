import TimeSeries

/// Writes the Prometheus text exposition format (version 0.0.4).
struct MetricsText {
    private(set) var text = ""

    /// Starts a metric family with its `# HELP` and `# TYPE` lines.
    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample line; label values are escaped.
    mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{"
            text += labels.map { "\($0.0)=\"\(Labels.escape($0.1))\"" }.joined(separator: ",")
            text += "}"
        }
        text += " "
        text += MetricsText.format(value)
        text += "\n"
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
