/// A series: its labels and samples in ascending time order.
///
/// The unit both of appends (`SampleAppender`) and of selections (`SeriesQuerier`).
public struct Series: Sendable, Hashable {
    /// The identifying labels, including `__name__`.
    public var labels: Labels
    /// Samples sorted by timestamp. For appends the order may be arbitrary; the store sorts them.
    public var samples: [Sample]

    /// Creates a series.
    public init(labels: Labels, samples: [Sample]) {
        self.labels = labels
        self.samples = samples
    }
}
