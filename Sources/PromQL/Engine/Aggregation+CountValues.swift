import TimeSeries

extension Aggregation {
    /// `count_values("label", v)`: how many elements of each group have each value, with the value (formatted like
    /// Go's `strconv.FormatFloat(f, 'f', -1, 64)`) in `label`. The value label joins a `by` clause; under `without`
    /// it stays unless listed.
    static func countValues(input: [VectorSample], grouping: [String], without: Bool, label: String)
        throws(QueryError) -> [VectorSample]
    {
        guard isValidLabelName(label) else {
            throw QueryError(.execution, "invalid label name \(GoQuote.quote(label))")
        }
        let partition = AggregationGrouping(without ? grouping : grouping + [label], without: without)
        var indexByGroup: [Labels: Int] = [:]
        var groups: [(labels: Labels, count: Int)] = []
        var formatted: [UInt64: String] = [:]
        for element in input {
            let text: String
            if let known = formatted[element.value.bitPattern] {
                text = known
            } else {
                text = GoFormat.fixed(element.value)
                formatted[element.value.bitPattern] = text
            }
            let source = element.dropName ? element.labels.removingMetricName() : element.labels
            let group = partition.group(of: source.setting(label, to: text), dropName: false)
            if let index = indexByGroup[group] {
                groups[index].count += 1
            } else {
                indexByGroup[group] = groups.count
                groups.append((group, 1))
            }
        }
        return groups.map { VectorSample(labels: $0.labels, value: Double($0.count)) }
    }

    /// Prometheus 3's label name rule (UTF-8 validation): any non-empty valid UTF-8 string, which every non-empty
    /// Swift string is.
    private static func isValidLabelName(_ name: String) -> Bool {
        !name.isEmpty
    }
}
