/// A binary operation `lhs op [bool] [on|ignoring(...)] [group_left|group_right(...)] rhs`.
public struct BinaryExpr: Sendable, Hashable {
    /// The operator.
    public var op: BinaryOperator
    /// The left operand.
    public var lhs: Expr
    /// The right operand.
    public var rhs: Expr
    /// The matching when both operands are instant vectors; nil otherwise. Set operators always get
    /// `.manyToMany`; vector/vector operations without a clause get `.oneToOne` with no labels.
    public var matching: VectorMatching?
    /// Whether `bool` was given (comparisons only).
    public var returnBool: Bool
    /// Where the whole operation is in the source.
    public var position: PositionRange

    /// Creates a binary operation.
    public init(
        op: BinaryOperator, lhs: Expr, rhs: Expr, matching: VectorMatching?, returnBool: Bool, position: PositionRange
    ) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.matching = matching
        self.returnBool = returnBool
        self.position = position
    }
}
