public import TimeSeries

/// The result of translating one request: series to append, and what could not be translated.
public struct Translation: Sendable, Hashable {
    /// The series to append, one per translated sample set, in request order. The same label set may occur more
    /// than once when a request holds several points of one stream.
    public var series: [Series]
    /// OTLP data points seen.
    public var dataPoints: Int
    /// Data points that could not be translated (invalid names, no value, unsupported temporality, over the
    /// delta-stream bound, ...).
    public var rejectedDataPoints: Int
    /// One example message per kind of rejection, in the order the kinds first occurred.
    public var messages: [String]

    /// Creates a translation.
    public init(series: [Series] = [], dataPoints: Int = 0, rejectedDataPoints: Int = 0, messages: [String] = []) {
        self.series = series
        self.dataPoints = dataPoints
        self.rejectedDataPoints = rejectedDataPoints
        self.messages = messages
    }

    /// The number of samples in `series`.
    public var sampleCount: Int {
        series.reduce(0) { $0 + $1.samples.count }
    }

    /// The messages joined into one English sentence for `partial_success.error_message`; empty when nothing was
    /// rejected.
    public var errorMessage: String {
        guard rejectedDataPoints > 0 else { return "" }
        let noun = rejectedDataPoints == 1 ? "data point" : "data points"
        return "\(rejectedDataPoints) \(noun) rejected: " + messages.joined(separator: "; ")
    }
}
