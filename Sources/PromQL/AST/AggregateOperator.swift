/// The aggregation operators of PromQL.
public enum AggregateOperator: String, Sendable, Hashable, CaseIterable {
    case sum, avg, min, max, count, group, stddev, stdvar, quantile, topk, bottomk
    case countValues = "count_values"
    /// Experimental in Prometheus; parsed so the test runner can skip them.
    case limitk
    /// Experimental in Prometheus; parsed so the test runner can skip them.
    case limitRatio = "limit_ratio"

    /// Whether the operator takes a parameter before the vector (`quantile`, `topk`, `bottomk`, `count_values`,
    /// `limitk`, `limit_ratio`).
    public var takesParameter: Bool {
        switch self {
        case .quantile, .topk, .bottomk, .countValues, .limitk, .limitRatio: true
        default: false
        }
    }

    /// Whether the operator is experimental in Prometheus (disabled unless a feature flag is set).
    public var isExperimental: Bool { self == .limitk || self == .limitRatio }
}
