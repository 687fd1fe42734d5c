/// A `load <interval>` (or `load_with_nhcb <interval>`) block of a PromQL test script.
struct LoadCommand: Sendable, Hashable {
    /// One series line of the block.
    struct SeriesLine: Sendable, Hashable {
        /// The 1-based line.
        var line: Int
        /// The series as written (`metric{labels}`), read with `PromQLParser.parseMetric` when loading.
        var metric: String
        /// The expanded values; nil when they hold native histograms.
        var values: [SequenceValue]?
    }

    /// The 1-based line of the `load` command.
    var line: Int
    /// The spacing of the values, ms: the i-th value is at `i * interval`.
    var interval: Int64
    /// `load_with_nhcb`: classic histograms are also loaded as native histograms with custom buckets.
    var withNHCB: Bool
    /// The series, in file order.
    var series: [SeriesLine]
}
