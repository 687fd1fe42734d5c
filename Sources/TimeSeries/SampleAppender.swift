/// Accepts batches of samples. When `append` returns, the accepted samples are durable and visible to queries.
public protocol SampleAppender: Sendable {
    /// Appends every series' samples.
    ///
    /// Samples the store cannot take (too old, over a series limit, invalid labels) are rejected one by one and
    /// counted in the result; the rest of the batch is still accepted.
    /// - Throws: when nothing could be made durable (I/O failure, store closed); then no sample counts as accepted.
    func append(_ batch: [Series]) throws -> AppendResult
}

/// Why a sample was not accepted.
public enum RejectionReason: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Older than the series' out-of-order window, or inside a range already compacted into chunks.
    case tooOld = "too_old"
    /// Too far ahead of the receiving machine's clock.
    case tooFarInFuture = "too_far_in_future"
    /// Accepting it would create a series beyond the total active series limit.
    case seriesLimit = "series_limit"
    /// Accepting it would create a series beyond the per-metric-name series limit.
    case metricSeriesLimit = "metric_series_limit"
    /// The label set is unusable: no metric name, an invalid label name, or too many labels.
    case invalidLabels = "invalid_labels"

    /// Whether the left one orders first.
    public static func < (lhs: RejectionReason, rhs: RejectionReason) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an append accepted and rejected.
public struct AppendResult: Sendable, Hashable {
    /// Samples accepted (durable, queryable).
    public var accepted: Int
    /// Rejected samples by reason.
    public var rejected: [RejectionReason: Int]
    /// One example rejection per reason, for a partial-success message (`series {…}: sample at … too old`).
    public var examples: [RejectionReason: String]

    /// Creates a result.
    public init(accepted: Int = 0, rejected: [RejectionReason: Int] = [:], examples: [RejectionReason: String] = [:]) {
        self.accepted = accepted
        self.rejected = rejected
        self.examples = examples
    }

    /// All rejected samples.
    public var rejectedCount: Int { rejected.values.reduce(0, +) }

    /// Records `count` rejections for `reason`, keeping the first example message.
    public mutating func reject(_ reason: RejectionReason, count: Int = 1, example: @autoclosure () -> String) {
        rejected[reason, default: 0] += count
        if examples[reason] == nil { examples[reason] = example() }
    }

    /// Adds another result's counts to this one.
    public mutating func merge(_ other: AppendResult) {
        accepted += other.accepted
        for (reason, count) in other.rejected { rejected[reason, default: 0] += count }
        for (reason, example) in other.examples where examples[reason] == nil { examples[reason] = example }
    }

    /// A one-line summary of the rejections (empty when none), e.g. for OTLP's partial_success message.
    public var rejectionSummary: String {
        rejected.keys.sorted().map { reason in
            "\(rejected[reason] ?? 0) \(reason.rawValue) (e.g. \(examples[reason] ?? "?"))"
        }.joined(separator: "; ")
    }
}
