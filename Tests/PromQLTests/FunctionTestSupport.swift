import TimeSeries

/// Helpers that build the sample windows the function tests feed in, in the shape of Prometheus's test scripts.
enum Fixture {
    /// One minute in milliseconds.
    static let minute: Int64 = 60_000

    /// Samples `step` milliseconds apart starting at `start`, one per value (a `load <step>` line).
    static func samples(every step: Int64, _ values: [Double], start: Int64 = 0) -> [Sample] {
        values.enumerated().map { Sample(timestamp: start + Int64($0.offset) * step, value: $0.element) }
    }

    /// The values of the test-script expansion `initial+incrementxcount` (count + 1 values).
    static func expand(_ initial: Double, _ increment: Double, times count: Int) -> [Double] {
        (0...count).map { initial + Double($0) * increment }
    }

    /// The samples of `samples` inside the window `(end - range, end]`, as the evaluator selects them.
    static func window(_ samples: [Sample], end: Int64, range: Int64) -> ArraySlice<Sample> {
        let lower = samples.firstIndex { $0.timestamp > end - range } ?? samples.endIndex
        let upper = samples.lastIndex { $0.timestamp <= end }.map { $0 + 1 } ?? samples.startIndex
        return lower < upper ? samples[lower..<upper] : samples[samples.startIndex..<samples.startIndex]
    }

    /// Whether two values agree to a relative `tolerance` (both NaN counts as agreement, like promqltest).
    static func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
        guard let actual else { return false }
        if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
        if actual == expected { return true }
        return abs(actual - expected) <= tolerance * max(abs(actual), abs(expected))
    }
}
