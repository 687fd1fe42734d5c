/// What the parser saw of a binary operation that the AST does not keep but Prometheus's type checks use.
struct BinaryDetails: Hashable, Sendable {
    /// From the operator to the last non-space byte before the right operand (Prometheus's `opRange`, where the
    /// `bool` and matching errors point).
    var operatorRange: PositionRange
    /// The cardinality as written (`group_left`/`group_right`, else one-to-one).
    var cardinality: VectorMatching.Cardinality = .oneToOne
    /// The labels of `on(…)`/`ignoring(…)` as written.
    var matchingLabels: [String] = []
    /// Whether `on` was written.
    var on = false
    /// The labels of `group_left(…)`/`group_right(…)`.
    var include: [String] = []
    /// The operation's result type (kept so that long chains need not recompute it from their operands).
    var resultType: ValueType = .vector
}
