public import TimeSeries

/// The result of translating one request: series to append, and what could not be translated.
public struct Translation: Sendable, Hashable {
    /// The label set of each translated sample, in request order; `samples[i]` belongs to `labels[i]`. The same
    /// label set may occur more than once when a request holds several points of one stream.
    public var labels: [Labels]
    /// The translated samples, parallel to `labels`.
    public var samples: [Sample]
    /// OTLP data points seen.
    public var dataPoints: Int
    /// Data points that could not be translated (invalid names, no value, unsupported temporality, over the
    /// delta-stream bound, ...).
    public var rejectedDataPoints: Int
    /// One example message per kind of rejection, in the order the kinds first occurred.
    public var messages: [String]

    /// Creates a translation.
    public init(series: [Series] = [], dataPoints: Int = 0, rejectedDataPoints: Int = 0, messages: [String] = []) {
        labels = []
        samples = []
        self.dataPoints = dataPoints
        self.rejectedDataPoints = rejectedDataPoints
        self.messages = messages
        self.series = series
    }

    /// The translated samples as one-sample series (a view of `labels` and `samples`; setting it replaces both).
    public var series: [Series] {
        get { zip(labels, samples).map { Series(labels: $0, samples: [$1]) } }
        set {
            labels.removeAll()
            samples.removeAll()
            for series in newValue {
                for sample in series.samples {
                    labels.append(series.labels)
                    samples.append(sample)
                }
            }
        }
    }

    /// Adds one sample.
    mutating func append(_ labels: Labels, _ sample: Sample) {
        self.labels.append(labels)
        samples.append(sample)
    }

    /// The number of samples.
    public var sampleCount: Int {
        samples.count
    }

    /// The messages joined into one English sentence for `partial_success.error_message`; empty when nothing was
    /// rejected.
    public var errorMessage: String {
        guard rejectedDataPoints > 0 else { return "" }
        let noun = rejectedDataPoints == 1 ? "data point" : "data points"
        return "\(rejectedDataPoints) \(noun) rejected: " + messages.joined(separator: "; ")
    }
}
