/// A parsed PromQL expression.
public indirect enum Expr: Sendable, Hashable {
    /// A number literal (a unary minus directly before a literal is folded into it).
    case number(Double, PositionRange)
    /// A string literal, unquoted.
    case string(String, PositionRange)
    /// An instant vector selector.
    case vectorSelector(VectorSelector)
    /// A range vector selector.
    case matrixSelector(MatrixSelector)
    /// A subquery.
    case subquery(SubqueryExpr)
    /// A parenthesised expression.
    case paren(Expr, PositionRange)
    /// `-expr` or `+expr`.
    case unary(UnaryOperator, Expr, PositionRange)
    /// A binary operation.
    case binary(BinaryExpr)
    /// An aggregation.
    case aggregate(AggregateExpr)
    /// A function call.
    case call(FunctionCall)

    /// The type the expression evaluates to.
    public var type: ValueType {
        switch self {
        case .number: .scalar
        case .string: .string
        case .vectorSelector: .vector
        case .matrixSelector, .subquery: .matrix
        case .paren(let inner, _): inner.type
        case .unary(_, let inner, _): inner.type
        case .binary(let binary):
            binary.lhs.type == .scalar && binary.rhs.type == .scalar ? .scalar : .vector
        case .aggregate: .vector
        case .call(let call): call.function.returnType
        }
    }

    /// Where the expression is in the source.
    public var position: PositionRange {
        switch self {
        case .number(_, let position), .string(_, let position), .paren(_, let position),
            .unary(_, _, let position):
            position
        case .vectorSelector(let selector): selector.position
        case .matrixSelector(let selector): selector.position
        case .subquery(let subquery): subquery.position
        case .binary(let binary): binary.position
        case .aggregate(let aggregate): aggregate.position
        case .call(let call): call.position
        }
    }
}
