/// A subquery `expr[range:step] offset … @ …`.
public struct SubqueryExpr: Sendable, Hashable {
    /// The inner expression (an instant vector).
    public var expr: Expr
    /// The range in milliseconds.
    public var range: Int64
    /// The step in milliseconds; 0 when omitted (the engine's default subquery step applies).
    public var step: Int64
    /// The `offset` in milliseconds; 0 when absent.
    public var offset: Int64
    /// The `@` modifier, if any.
    public var at: AtModifier?
    /// Where the subquery is in the source.
    public var position: PositionRange

    /// Creates a subquery.
    public init(
        expr: Expr, range: Int64, step: Int64, offset: Int64 = 0, at: AtModifier? = nil, position: PositionRange
    ) {
        self.expr = expr
        self.range = range
        self.step = step
        self.offset = offset
        self.at = at
        self.position = position
    }
}
