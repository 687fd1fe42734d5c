extension Parser {
    private static let nonSelectorOffset =
        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"
    private static let nonSelectorAt =
        "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"
    private static let rangeOnNonSelector = "ranges only allowed for vector selectors"

    /// `[range]`, `[range:step]`, `offset d` and `@ t` after an operand, in any number and order (Prometheus binds them
    /// tighter than every operator).
    mutating func parsePostfix(_ operand: Expr) throws(ParseError) -> Expr {
        var expr = operand
        while true {
            switch try peekKind() {
            case .leftBracket: expr = try parseRangeOrSubquery(expr)
            case .offset: expr = try parseOffset(expr)
            case .at: expr = try parseAt(expr)
            case .anchored:
                try consume()
                record("anchored modifier is experimental and not enabled", expr.position)
            case .smoothed:
                try consume()
                record("smoothed modifier is experimental and not enabled", expr.position)
            default: return expr
            }
        }
    }

    // MARK: - Ranges and subqueries

    private mutating func parseRangeOrSubquery(_ base: Expr) throws(ParseError) -> Expr {
        let open = try consume()
        let range = try parseRangeDuration(
            context: "subquery or range selector", expected: "number, duration, step(), or range()")
        switch try peekKind() {
        case .rightBracket:
            let close = try consume()
            var selector = VectorSelector(id: -1, name: nil, matchers: [], position: base.position)
            var message: String?
            if case .vectorSelector(let inner) = base {
                selector = inner
                if inner.offset != 0 {
                    message = "no offset modifiers allowed before range"
                } else if inner.at != nil {
                    message = "no @ modifiers allowed before range"
                }
            } else {
                message = Parser.rangeOnNonSelector
            }
            if let message { record(message, PositionRange(start: open.start, end: close.end)) }
            return .matrixSelector(
                MatrixSelector(
                    selector: selector, range: range,
                    position: PositionRange(start: base.position.start, end: close.end)))
        case .colon:
            try consume()
            var step: Int64 = 0
            if try peekKind() != .rightBracket {
                step = try parseRangeDuration(
                    context: "subquery selector", expected: "number, duration, step(), range(), or \"]\"")
                guard try peekKind() == .rightBracket else { throw unexpected("subquery selector", "\"]\"") }
            }
            let close = try consume()
            return .subquery(
                SubqueryExpr(
                    expr: base, range: range, step: step,
                    position: PositionRange(start: base.position.start, end: close.end)))
        default:
            throw unexpected("subquery or range", "\":\" or \"]\"")
        }
    }

    // MARK: - offset

    private mutating func parseOffset(_ base: Expr) throws(ParseError) -> Expr {
        try consume()
        let offset = try parseOffsetDuration()
        switch base {
        case .vectorSelector(var selector):
            if selector.offset != 0 {
                record("offset may not be set multiple times", base.position)
            } else {
                selector.offset = offset
            }
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.id < 0 {
                record(Parser.rangeOnNonSelector, base.position)
            } else if matrix.selector.offset != 0 {
                record("offset may not be set multiple times", base.position)
            } else {
                matrix.selector.offset = offset
            }
            matrix.position.end = previousEnd
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != 0 {
                record("offset may not be set multiple times", base.position)
            } else {
                subquery.offset = offset
            }
            subquery.position.end = previousEnd
            return .subquery(subquery)
        default:
            record(Parser.nonSelectorOffset, base.position)
            return base
        }
    }

    // MARK: - @

    private mutating func parseAt(_ base: Expr) throws(ParseError) -> Expr {
        try consume()
        let token = try peek()
        let modifier: AtModifier
        switch token.kind {
        case .start, .end:
            try consume()
            guard try peekKind() == .leftParen else { throw unexpected("@", "timestamp") }
            try consume()
            guard try peekKind() == .rightParen else { throw unexpected("@", "timestamp") }
            try consume()
            modifier = token.kind == .start ? .start : .end
        case .number, .duration, .add, .sub:
            var negative = false
            var literal = token
            if token.kind == .add || token.kind == .sub {
                try consume()
                negative = token.kind == .sub
                literal = try peek()
                guard literal.kind == .number || literal.kind == .duration else { throw unexpected("@", "timestamp") }
            }
            try consume()
            var seconds = literalSeconds(literal)
            if negative { seconds = -seconds }
            if !seconds.isFinite || seconds >= 9.223_372_036_854_775_807e18 || seconds <= -9.223_372_036_854_775_808e18
            {
                record("timestamp out of bounds for @ modifier: \(GoFloatFormat.fixed(seconds))", base.position)
            }
            modifier = .timestamp(Parser.timestampMilliseconds(seconds: seconds))
        default:
            throw unexpected("@", "timestamp")
        }
        switch base {
        case .vectorSelector(var selector):
            if selector.at != nil {
                record("@ <timestamp> may not be set multiple times", base.position)
            } else {
                selector.at = modifier
            }
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.id < 0 {
                record(Parser.rangeOnNonSelector, base.position)
                return base
            }
            if matrix.selector.at != nil {
                record("@ <timestamp> may not be set multiple times", base.position)
                return base
            }
            matrix.selector.at = modifier
            matrix.position.end = previousEnd
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil {
                record("@ <timestamp> may not be set multiple times", base.position)
                return base
            }
            subquery.at = modifier
            subquery.position.end = previousEnd
            return .subquery(subquery)
        default:
            record(Parser.nonSelectorAt, base.position)
            return base
        }
    }

    /// Prometheus's `timestamp.FromFloatSeconds`: milliseconds rounded half away from zero (out-of-range values become
    /// `Int64.min`, as Go's conversion does on amd64).
    static func timestampMilliseconds(seconds: Double) -> Int64 {
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds.isFinite, milliseconds < 9.223_372_036_854_775_807e18,
            milliseconds >= -9.223_372_036_854_775_808e18
        else { return Int64.min }
        return Int64(milliseconds)
    }
}
