/// A rule evaluation failure with Prometheus's message (`rule result is not a vector or scalar`, `exceeded limit of
/// 2 with 3 alerts`, …).
public struct RuleEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// A query returned a string or a range vector.
    static let notVectorOrScalar = RuleEvaluationError("rule result is not a vector or scalar")
    /// Two alerts of one alerting rule ended up with the same labels.
    static let duplicateAlertLabels = RuleEvaluationError(
        "vector contains metrics with the same labelset after applying alert labels")
    /// Two results of one recording rule ended up with the same labels.
    static let duplicateRecordLabels = RuleEvaluationError(
        "vector contains metrics with the same labelset after applying rule labels")
}
