import TimeSeries

/// The value of an expression at one evaluation step.
enum StepValue {
    /// A number.
    case scalar(Double)
    /// A string.
    case string(String)
    /// An instant vector.
    case vector([VectorSample])
    /// A range vector: per series, the samples of the window (stale markers removed).
    case matrix(RangeVector)
}

/// A range vector at one step: the series with samples in the window `(rangeStart, rangeEnd]`.
struct RangeVector {
    /// The series that have at least one sample in the window.
    var series: [RangeSeries]
    /// The exclusive start of the window, ms.
    var rangeStart: Int64
    /// The inclusive end of the window, ms.
    var rangeEnd: Int64
}

/// One series of a range vector at one step: a view into samples loaded once per query.
struct RangeSeries {
    /// The series labels.
    var labels: Labels
    /// The samples inside the window, oldest first.
    var samples: ArraySlice<Sample>
    /// Whether the metric name is to be dropped (for series produced by a subquery over a name-dropping expression).
    var dropName: Bool
}
