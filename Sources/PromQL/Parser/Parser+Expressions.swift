extension Parser {
    /// Precedence climbing: an operand, then binary operators binding at least as tightly as `minPrecedence`.
    mutating func parseExpression(minPrecedence: Int) throws(ParseError) -> Expr {
        var lhs = try parseUnary()
        while true {
            let token = try peek()
            guard let op = token.kind.binaryOperator, op.precedence >= minPrecedence else { return lhs }
            let lhsEnd = previousEnd
            try consume()
            var details = BinaryDetails(operatorRange: PositionRange(start: token.start, end: token.end))
            var returnBool = false
            if try peekKind() == .bool {
                try consume()
                returnBool = true
            }
            let kind = try peekKind()
            if kind == .on || kind == .ignoring {
                try consume()
                details.on = kind == .on
                details.matchingLabels = try parseGroupingLabels()
                let group = try peekKind()
                if group == .groupLeft || group == .groupRight {
                    try consume()
                    details.cardinality = group == .groupLeft ? .manyToOne : .oneToMany
                    if try peekKind() == .leftParen { details.include = try parseGroupingLabels() }
                }
            }
            let hasFill = try parseFillModifiers()
            let rhs = try parseExpression(
                minPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
            let position = PositionRange(start: lhs.position.start, end: previousEnd)
            if hasFill { record("binop fill modifiers are experimental and not enabled", position) }
            details.operatorRange = operatorRange(afterLHSEnd: lhsEnd, rhsStart: rhs.position.start)
            let lhsType = typeOf(lhs)
            let rhsType = typeOf(rhs)
            details.resultType = lhsType == .scalar && rhsType == .scalar ? .scalar : .vector
            binaryDetails[position] = details
            var matching: VectorMatching?
            if lhsType == .vector && rhsType == .vector {
                var cardinality = details.cardinality
                if op.isSetOperator && cardinality == .oneToOne { cardinality = .manyToMany }
                matching = VectorMatching(
                    cardinality: cardinality, matchingLabels: details.matchingLabels, on: details.on,
                    include: details.include)
            }
            lhs = .binary(
                BinaryExpr(
                    op: op, lhs: lhs, rhs: rhs, matching: matching, returnBool: returnBool, position: position))
        }
    }

    /// `expr.type`, without walking long operator chains again.
    func typeOf(_ expr: Expr) -> ValueType {
        switch expr {
        case .binary(let binary): binaryDetails[binary.position]?.resultType ?? expr.type
        case .paren(let inner, _), .unary(_, let inner, _): typeOf(inner)
        default: expr.type
        }
    }

    /// Prometheus's `opRange`: from the first non-space after the left operand to the last non-space before the
    /// right one.
    private func operatorRange(afterLHSEnd lhsEnd: Int, rhsStart: Int) -> PositionRange {
        var start = lhsEnd
        while start < bytes.count, Lexer.isSpace(bytes[start]) { start += 1 }
        var end = rhsStart - 1
        while end > start, Lexer.isSpace(bytes[end]) { end -= 1 }
        return PositionRange(start: start, end: end)
    }

    /// `fill(v)`, `fill_left(v)`, `fill_right(v)` after the matching modifiers (experimental in Prometheus and not
    /// enabled here); returns whether any was written.
    private mutating func parseFillModifiers() throws(ParseError) -> Bool {
        var found = false
        while true {
            let kind = try peekKind()
            guard kind == .fill || kind == .fillLeft || kind == .fillRight else { return found }
            found = true
            try consume()
            guard try peekKind() == .leftParen else { throw unexpected() }
            try consume()
            let sign = try peekKind()
            if sign == .add || sign == .sub { try consume() }
            let value = try peekKind()
            guard value == .number || value == .duration else { throw unexpected() }
            try consume()
            guard try peekKind() == .rightParen else { throw unexpected() }
            try consume()
        }
    }

    /// A unary `-`/`+` (binding like `*`, looser than `^`) or a primary expression with its postfix modifiers. A
    /// minus directly before a number literal is folded into the literal.
    private mutating func parseUnary() throws(ParseError) -> Expr {
        let token = try peek()
        guard token.kind == .add || token.kind == .sub else { return try parsePostfix(try parsePrimary()) }
        try consume()
        let operand = try parseExpression(minPrecedence: BinaryOperator.power.precedence)
        if case .number(let value, let position) = operand {
            return .number(
                token.kind == .sub ? -value : value, PositionRange(start: token.start, end: position.end))
        }
        return .unary(
            token.kind == .sub ? .minus : .plus, operand, PositionRange(start: token.start, end: previousEnd))
    }

    /// Literals, parentheses, selectors, function calls and aggregations.
    private mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = try peek()
        switch token.kind {
        case .number, .duration:
            try consume()
            return .number(literalSeconds(token), token.range)
        case .string:
            try consume()
            return .string(unquote(token), token.range)
        case .leftParen:
            try consume()
            let inner = try parseExpression(minPrecedence: 0)
            guard try peekKind() == .rightParen else { throw unexpected() }
            let close = try consume()
            return .paren(inner, PositionRange(start: token.start, end: close.end))
        case .leftBrace:
            return try parseVectorSelector(name: nil)
        case .identifier, .start, .end, .step, .range:
            try consume()
            if try peekKind() == .leftParen { return try parseCall(name: token) }
            return try parseVectorSelector(name: token)
        case .aggregator(let op):
            try consume()
            let next = try peekKind()
            if next == .leftParen || next == .by || next == .without {
                return try parseAggregation(op, keyword: token)
            }
            return try parseVectorSelector(name: token)
        default:
            guard token.kind.isMetricIdentifier else { throw unexpected() }
            try consume()
            return try parseVectorSelector(name: token)
        }
    }

    /// The value of a number or duration token in seconds (0 after recording an error).
    mutating func literalSeconds(_ token: Token) -> Double {
        let text = text(token)
        let result: Result<Double, LiteralError> =
            token.kind == .duration
            ? GoDuration.nanoseconds(text).map(GoDuration.seconds(fromNanoseconds:))
            : GoNumberSyntax.value(of: text)
        switch result {
        case .success(let value): return value
        case .failure(let error):
            record(error.message, token.range)
            return 0
        }
    }

    /// The text of a string token without quotes and with escapes decoded.
    func unquote(_ token: Token) -> String {
        StringLiteral.unquote(bytes[token.start..<token.end])
    }
}
