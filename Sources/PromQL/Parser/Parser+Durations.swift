import Foundation

extension Parser {
    /// A duration being parsed: a single literal (which Prometheus range-checks while parsing) or an arithmetic
    /// expression of literals (which Prometheus evaluates before running the query), in seconds.
    struct DurationValue {
        /// Seconds.
        var seconds: Double
        /// Where it is in the query (empty after an error replaced it by 0).
        var position: PositionRange
        /// True for a lone literal, possibly signed.
        var isLiteral: Bool
    }

    private static let durationFunctionsUnsupported = "step() and range() are not supported in durations"

    /// The range or step inside `[…]` in milliseconds: a number (seconds) or duration literal, or an arithmetic
    /// duration expression of them (`5m + 30s`, `(1h) * 2`, `max(5m, 1m)`), which is evaluated here.
    mutating func parseRangeDuration(context: String, expected: String) throws(ParseError) -> Int64 {
        let value = try parseDurationExpression(minPrecedence: 0, context: context, expected: expected)
        guard value.isLiteral else {
            if value.seconds <= 0 || value.seconds.isNaN {
                record("duration must be greater than 0", value.position)
                return 0
            }
            return Parser.truncatedMilliseconds(seconds: value.seconds)
        }
        if value.seconds <= 0 {
            record("duration must be greater than 0", value.position)
            return 0
        }
        return Parser.milliseconds(seconds: value.seconds)
    }

    /// The duration after `offset` in milliseconds: a literal, a signed literal, or a parenthesised duration
    /// expression (`foo offset 5m + 1m` is `(foo offset 5m) + 1m`, as in Prometheus).
    mutating func parseOffsetDuration() throws(ParseError) -> Int64 {
        let context = "offset"
        let expected = "number, duration, step(), or range()"
        var token = try peek()
        var sign: Token?
        if token.kind == .add || token.kind == .sub {
            sign = try consume()
            token = try peek()
        }
        switch token.kind {
        case .number, .duration:
            try consume()
            var value = literalSeconds(token)
            if let sign, sign.kind == .sub { value = -value }
            if Parser.outOfDurationRange(value) {
                record("duration out of range", sign?.range ?? token.range)
                value = 0
            }
            return Parser.milliseconds(seconds: value)
        case .leftParen:
            var value = try parseDurationOperand(context: context, expected: expected)
            if let sign, sign.kind == .sub { value.seconds = -value.seconds }
            return Parser.truncatedMilliseconds(seconds: value.seconds)
        case .step, .range:
            throw try refuseDurationFunction(token, context: context, expected: expected)
        default:
            if let function = durationFunction(token) {
                try consume()
                var value = try parseDurationMinMax(function, start: token.start, context: context, expected: expected)
                if let sign, sign.kind == .sub { value.seconds = -value.seconds }
                return Parser.truncatedMilliseconds(seconds: value.seconds)
            }
            throw unexpected(context, expected)
        }
    }

    /// Precedence climbing over `+ - * / % ^` between duration operands.
    private mutating func parseDurationExpression(minPrecedence: Int, context: String, expected: String)
        throws(ParseError) -> DurationValue
    {
        var lhs = try parseDurationOperand(context: context, expected: expected)
        while true {
            let token = try peek()
            guard let op = Parser.durationOperator(token.kind), op.precedence >= minPrecedence else { return lhs }
            try consume()
            let rhs = try parseDurationExpression(
                minPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1, context: context,
                expected: expected)
            let position = PositionRange(start: lhs.position.start, end: rhs.position.end)
            if (op == .divide || op == .modulo) && rhs.isLiteral && rhs.seconds == 0 {
                record(op == .divide ? "division by zero" : "modulo by zero", token.range)
                lhs = DurationValue(seconds: 0, position: PositionRange(start: 0, end: 0), isLiteral: true)
                continue
            }
            let seconds: Double
            switch op {
            case .add: seconds = lhs.seconds + rhs.seconds
            case .subtract: seconds = lhs.seconds - rhs.seconds
            case .multiply: seconds = lhs.seconds * rhs.seconds
            case .divide: seconds = lhs.seconds / rhs.seconds
            case .modulo: seconds = lhs.seconds.truncatingRemainder(dividingBy: rhs.seconds)
            default: seconds = Parser.power(lhs.seconds, rhs.seconds)
            }
            lhs = DurationValue(seconds: seconds, position: position, isLiteral: false)
        }
    }

    /// A literal, a signed operand (binding like `*`), a parenthesised expression or `min`/`max` of two.
    private mutating func parseDurationOperand(context: String, expected: String) throws(ParseError)
        -> DurationValue
    {
        let token = try peek()
        switch token.kind {
        case .number, .duration:
            try consume()
            let seconds = literalSeconds(token)
            if Parser.outOfDurationRange(seconds) {
                record("duration out of range", token.range)
                return DurationValue(seconds: 0, position: PositionRange(start: 0, end: 0), isLiteral: true)
            }
            return DurationValue(seconds: seconds, position: token.range, isLiteral: true)
        case .add, .sub:
            try consume()
            var operand = try parseDurationExpression(
                minPrecedence: BinaryOperator.power.precedence, context: context, expected: expected)
            if token.kind == .sub { operand.seconds = -operand.seconds }
            if operand.isLiteral && Parser.outOfDurationRange(operand.seconds) {
                record("duration out of range", token.range)
                return DurationValue(seconds: 0, position: PositionRange(start: 0, end: 0), isLiteral: true)
            }
            operand.position.start = token.start
            return operand
        case .leftParen:
            try consume()
            var inner = try parseDurationExpression(minPrecedence: 0, context: context, expected: expected)
            guard try peekKind() == .rightParen else { throw unexpected(context, expected) }
            let close = try consume()
            inner.position = PositionRange(start: token.start, end: close.end)
            inner.isLiteral = false
            return inner
        case .step, .range:
            throw try refuseDurationFunction(token, context: context, expected: expected)
        default:
            if let function = durationFunction(token) {
                try consume()
                return try parseDurationMinMax(function, start: token.start, context: context, expected: expected)
            }
            throw unexpected(context, expected)
        }
    }

    /// `step()` and `range()` depend on the query's evaluation, which the AST's fixed durations cannot express.
    private mutating func refuseDurationFunction(_ token: Token, context: String, expected: String)
        throws(ParseError) -> ParseError
    {
        try consume()
        guard try peekKind() == .leftParen else { return unexpected(context, expected) }
        record(Parser.durationFunctionsUnsupported, token.range)
        return firstError
    }

    /// `min`/`max` (also spelt `min_of`/`max_of`) applied to two durations; the name is consumed.
    private mutating func parseDurationMinMax(_ isMax: Bool, start: Int, context: String, expected: String)
        throws(ParseError) -> DurationValue
    {
        guard try peekKind() == .leftParen else { throw unexpected(context, expected) }
        try consume()
        let first = try parseDurationExpression(minPrecedence: 0, context: context, expected: expected)
        guard try peekKind() == .comma else { throw unexpected(context, expected) }
        try consume()
        let second = try parseDurationExpression(minPrecedence: 0, context: context, expected: expected)
        guard try peekKind() == .rightParen else { throw unexpected(context, expected) }
        let close = try consume()
        let seconds =
            isMax ? Swift.max(first.seconds, second.seconds) : Swift.min(first.seconds, second.seconds)
        return DurationValue(seconds: seconds, position: PositionRange(start: start, end: close.end), isLiteral: false)
    }

    /// Whether the token names `min`/`max` of durations: true for max, false for min, nil otherwise.
    private func durationFunction(_ token: Token) -> Bool? {
        switch token.kind {
        case .aggregator(.min): return false
        case .aggregator(.max): return true
        case .identifier:
            switch text(token) {
            case "min_of": return false
            case "max_of": return true
            default: return nil
            }
        default: return nil
        }
    }

    private static func durationOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .add: .add
        case .sub: .subtract
        case .mul: .multiply
        case .div: .divide
        case .mod: .modulo
        case .pow: .power
        default: nil
        }
    }

    /// Go's `math.Pow` for the cases where it differs from C's `pow` (`1 ^ NaN`, `(-1) ^ ±Inf`).
    static func power(_ base: Double, _ exponent: Double) -> Double {
        if exponent == 0 { return 1 }
        if base == 1 { return 1 }
        if base == -1 && exponent.isInfinite { return 1 }
        return Foundation.pow(base, exponent)
    }

    /// Whether `seconds` cannot be a Go `time.Duration`.
    static func outOfDurationRange(_ seconds: Double) -> Bool {
        seconds > 9_223_372_036.854_775_808 || seconds < -9_223_372_036.854_775_808
    }

    /// Seconds of a literal to whole milliseconds as Prometheus does: rounded to nanoseconds, then truncated.
    static func milliseconds(seconds: Double) -> Int64 {
        let nanoseconds = (seconds * 1e9).rounded()
        guard nanoseconds.isFinite, nanoseconds < 9.223_372_036_854_775_807e18,
            nanoseconds >= -9.223_372_036_854_775_808e18
        else { return nanoseconds < 0 ? Int64.min / 1_000_000 : Int64.max / 1_000_000 }
        return Int64(nanoseconds) / 1_000_000
    }

    /// Seconds of an evaluated duration expression to milliseconds as Prometheus does: truncated.
    static func truncatedMilliseconds(seconds: Double) -> Int64 {
        let milliseconds = (seconds * 1000).rounded(.towardZero)
        guard milliseconds.isFinite, milliseconds < 9.223_372_036_854_775_807e18,
            milliseconds >= -9.223_372_036_854_775_808e18
        else { return milliseconds < 0 ? Int64.min : Int64.max }
        return Int64(milliseconds)
    }
}
