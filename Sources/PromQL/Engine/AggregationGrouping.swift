import TimeSeries

/// How an aggregation's `by`/`without` clause partitions its input, and the labels of each group's output.
///
/// `by(l…)` keeps only the listed labels an element has; `without(l…)` removes them and the metric name; no clause
/// (an empty `by`) puts everything in the group `{}`. Elements whose name is being dropped are grouped without it.
struct AggregationGrouping {
    /// The clause's labels (plus `__name__` for `without`).
    let names: LabelNameSet
    /// True for `without`.
    let without: Bool
    /// Whether `by(...)` lists `__name__`.
    private let byName: Bool

    /// The partition of `grouping` under `by` (`without` false) or `without`.
    init(_ grouping: [String], without: Bool) {
        names = LabelNameSet(without ? [Labels.metricNameLabel] + grouping : grouping)
        self.without = without
        byName = !without && names.contains(Labels.metricNameLabel)
    }

    /// The group of `element`, which is also the labels of that group's output.
    func group(of element: VectorSample) -> Labels {
        group(of: element.labels, dropName: element.dropName)
    }

    /// The group of an element with `labels` whose name is dropped when `dropName` is set.
    func group(of labels: Labels, dropName: Bool) -> Labels {
        if without { return names.removing(labels) }
        if names.isEmpty { return .empty }
        if byName && dropName {
            return Labels(
                sortedUnique: labels.labels.filter { $0.name != Labels.metricNameLabel && names.contains($0.name) })
        }
        return names.keeping(labels)
    }
}
