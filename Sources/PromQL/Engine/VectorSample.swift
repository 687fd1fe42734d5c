public import TimeSeries

/// One element of an instant vector: a series' labels and its value at the evaluation time.
public struct VectorSample: Sendable, Hashable {
    /// The series labels. While `dropName` is set they still contain `__name__`.
    public var labels: Labels
    /// The value.
    public var value: Double
    /// Delayed name removal (Prometheus's `EnableDelayedNameRemoval`): the operation that produced this element
    /// drops the metric name, but the name is only removed when the query's result is produced, so later operations
    /// (`label_replace` onto `__name__`, …) still see it. Matching and grouping treat the name as absent while set.
    public var dropName: Bool

    /// Creates an element.
    public init(labels: Labels, value: Double, dropName: Bool = false) {
        self.labels = labels
        self.value = value
        self.dropName = dropName
    }

    /// The labels as later operations should see them: without `__name__` when `dropName` is set.
    public var effectiveLabels: Labels {
        dropName ? labels.removingMetricName() : labels
    }
}
