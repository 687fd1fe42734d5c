import TimeSeries

@testable import PromQL

extension Expr {
    /// The tree with every position set to 0..0 and matchers in a fixed order (the printer sorts them), for comparing
    /// parses of different texts.
    var withoutPositions: Expr {
        let zero = PositionRange(start: 0, end: 0)
        switch self {
        case .number(let value, _): return .number(value, zero)
        case .string(let value, _): return .string(value, zero)
        case .vectorSelector(var selector):
            selector.position = zero
            selector.matchers = Expr.ordered(selector.matchers, named: selector.name != nil)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            matrix.position = zero
            matrix.selector.position = zero
            matrix.selector.matchers = Expr.ordered(matrix.selector.matchers, named: matrix.selector.name != nil)
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            subquery.position = zero
            subquery.expr = subquery.expr.withoutPositions
            return .subquery(subquery)
        case .paren(let inner, _): return .paren(inner.withoutPositions, zero)
        case .unary(let op, let inner, _): return .unary(op, inner.withoutPositions, zero)
        case .binary(var binary):
            binary.position = zero
            binary.lhs = binary.lhs.withoutPositions
            binary.rhs = binary.rhs.withoutPositions
            return .binary(binary)
        case .aggregate(var aggregate):
            aggregate.position = zero
            aggregate.expr = aggregate.expr.withoutPositions
            aggregate.parameter = aggregate.parameter?.withoutPositions
            return .aggregate(aggregate)
        case .call(var call):
            call.position = zero
            call.arguments = call.arguments.map(\.withoutPositions)
            return .call(call)
        }
    }

    private static func ordered(_ matchers: [Matcher], named: Bool) -> [Matcher] {
        let fixed = named ? Array(matchers.prefix(1)) : []
        return fixed + matchers.dropFirst(fixed.count).sorted { $0.description < $1.description }
    }

    /// A fully parenthesised rendering that shows the tree's shape: `(2 ^ (3 ^ 2))`, `-(x)`, `sum[by job](…)`.
    var shape: String {
        switch self {
        case .number(let value, _): return value.isNaN ? "NaN" : "\(value)"
        case .string(let value, _): return "'\(value)'"
        case .vectorSelector(let selector): return selector.name ?? "{…}"
        case .matrixSelector(let matrix): return "\(matrix.selector.name ?? "{…}")[\(matrix.range)]"
        case .subquery(let subquery): return "\(subquery.expr.shape)[\(subquery.range):\(subquery.step)]"
        case .paren(let inner, _): return "paren(\(inner.shape))"
        case .unary(let op, let inner, _): return "\(op.rawValue)(\(inner.shape))"
        case .binary(let binary): return "(\(binary.lhs.shape) \(binary.op.rawValue) \(binary.rhs.shape))"
        case .aggregate(let aggregate):
            let parameter = aggregate.parameter.map { $0.shape + ", " } ?? ""
            return "\(aggregate.op.rawValue)(\(parameter)\(aggregate.expr.shape))"
        case .call(let call): return "\(call.function.name)(\(call.arguments.map(\.shape).joined(separator: ", ")))"
        }
    }

    /// Every vector selector in source order (inside range selectors and subqueries too).
    var selectors: [VectorSelector] {
        switch self {
        case .number, .string: return []
        case .vectorSelector(let selector): return [selector]
        case .matrixSelector(let matrix): return [matrix.selector]
        case .subquery(let subquery): return subquery.expr.selectors
        case .paren(let inner, _), .unary(_, let inner, _): return inner.selectors
        case .binary(let binary): return binary.lhs.selectors + binary.rhs.selectors
        case .aggregate(let aggregate): return (aggregate.parameter?.selectors ?? []) + aggregate.expr.selectors
        case .call(let call): return call.arguments.flatMap(\.selectors)
        }
    }
}

/// The parse error's `line:col: parse error: message`, or "no error".
func parseFailure(_ query: String) -> String {
    do {
        _ = try PromQLParser.parse(query)
        return "no error"
    } catch {
        return error.description
    }
}
