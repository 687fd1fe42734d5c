/// An aggregation `op [by|without (labels)] ([param,] expr)`.
public struct AggregateExpr: Sendable, Hashable {
    /// The operator.
    public var op: AggregateOperator
    /// The aggregated expression (an instant vector).
    public var expr: Expr
    /// The parameter of `quantile`, `topk`, `bottomk` (scalar) or `count_values` (string).
    public var parameter: Expr?
    /// The labels of the `by`/`without` clause.
    public var grouping: [String]
    /// True for `without`, false for `by` or no clause.
    public var without: Bool
    /// Where the aggregation is in the source.
    public var position: PositionRange

    /// Creates an aggregation.
    public init(
        op: AggregateOperator, expr: Expr, parameter: Expr?, grouping: [String], without: Bool,
        position: PositionRange
    ) {
        self.op = op
        self.expr = expr
        self.parameter = parameter
        self.grouping = grouping
        self.without = without
        self.position = position
    }
}
