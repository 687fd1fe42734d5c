import TimeSeries

/// The labels a vector/vector operation matches elements on: only the `on(...)` labels, or every label except the
/// `ignoring(...)` ones and the metric name. Elements whose name is being dropped match without it.
struct MatchSignature {
    /// True for `on(...)`.
    let on: Bool
    /// The `on` labels, or the `ignoring` labels plus `__name__`.
    let names: LabelNameSet
    /// Whether `on(...)` lists `__name__`.
    private let onName: Bool

    /// The signature of `matching`.
    init(_ matching: VectorMatching) {
        on = matching.on
        names = LabelNameSet(on ? matching.matchingLabels : [Labels.metricNameLabel] + matching.matchingLabels)
        onName = on && names.contains(Labels.metricNameLabel)
    }

    /// The labels `element` is matched by.
    func of(_ element: VectorSample) -> Labels {
        guard on else { return names.removing(element.labels) }
        if onName && element.dropName {
            return Labels(
                sortedUnique: element.labels.labels.filter {
                    $0.name != Labels.metricNameLabel && names.contains($0.name)
                })
        }
        return names.keeping(element.labels)
    }
}
