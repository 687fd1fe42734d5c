import TimeSeries

/// The kinds of token the PromQL lexer produces (Prometheus's `ItemType`s that expressions use).
enum TokenKind: Hashable, Sendable {
    case eof
    case identifier
    /// An identifier containing `:` (a recording-rule style metric name).
    case metricIdentifier
    case string
    case number
    case duration

    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma
    /// `=`.
    case assign
    case colon
    case doubleColon

    // Operators: Prometheus shows them as `<op:…>`.
    case add, sub, mul, div, mod, pow
    case equal, notEqual, lessOrEqual, less, greaterOrEqual, greater
    case regexMatch, regexNoMatch
    case at
    case and, or, unless, atan2

    /// An aggregation operator keyword: Prometheus shows it as `<aggr:…>`.
    case aggregator(AggregateOperator)

    // Keywords: Prometheus shows them as `<…>`.
    case bool, by, groupLeft, groupRight, ignoring, offset, smoothed, anchored, on, without
    case fill, fillLeft, fillRight

    // Preprocessors: Prometheus shows them quoted.
    case start, end, step, range

    /// The keywords, matched case-insensitively; `inf` and `nan` are numbers.
    static let keywords: [String: TokenKind] = {
        var table: [String: TokenKind] = [
            "and": .and, "or": .or, "unless": .unless, "atan2": .atan2,
            "offset": .offset, "smoothed": .smoothed, "anchored": .anchored, "by": .by, "without": .without,
            "on": .on, "ignoring": .ignoring, "group_left": .groupLeft, "group_right": .groupRight,
            "fill": .fill, "fill_left": .fillLeft, "fill_right": .fillRight, "bool": .bool,
            "start": .start, "end": .end, "step": .step, "range": .range,
            "inf": .number, "nan": .number,
        ]
        for op in AggregateOperator.allCases { table[op.rawValue] = .aggregator(op) }
        return table
    }()

    /// The binary operator this token stands for, if any.
    var binaryOperator: BinaryOperator? {
        switch self {
        case .add: .add
        case .sub: .subtract
        case .mul: .multiply
        case .div: .divide
        case .mod: .modulo
        case .pow: .power
        case .atan2: .atan2
        case .equal: .equal
        case .notEqual: .notEqual
        case .greater: .greater
        case .less: .less
        case .greaterOrEqual: .greaterOrEqual
        case .lessOrEqual: .lessOrEqual
        case .and: .and
        case .or: .or
        case .unless: .unless
        default: nil
        }
    }

    /// The label matching operator this token stands for, if any.
    var matchType: MatchType? {
        switch self {
        case .assign: .equal
        case .notEqual: .notEqual
        case .regexMatch: .regexMatch
        case .regexNoMatch: .regexNoMatch
        default: nil
        }
    }

    /// Whether Prometheus accepts the token as a metric name (`metric_identifier` in its grammar).
    var isMetricIdentifier: Bool {
        switch self {
        case .identifier, .metricIdentifier, .aggregator, .by, .without, .offset, .and, .or, .unless, .start, .end,
            .step, .range, .anchored, .smoothed:
            true
        default: false
        }
    }

    /// Whether Prometheus accepts the token as a label name in `by`, `without`, `on`, `ignoring` and group lists
    /// (`maybe_label` in its grammar).
    var isGroupingLabel: Bool {
        switch self {
        case .identifier, .metricIdentifier, .aggregator, .bool, .by, .groupLeft, .groupRight, .ignoring, .and, .or,
            .unless, .offset, .on, .start, .end, .atan2, .step, .range, .anchored, .smoothed:
            true
        default: false
        }
    }

    /// Whether an expression can begin with the token.
    var startsExpression: Bool {
        switch self {
        case .number, .duration, .string, .leftParen, .leftBrace, .add, .sub: true
        default: isMetricIdentifier
        }
    }

    /// How Prometheus names the token in `unexpected …` messages, given its text.
    func describe(_ text: String) -> String {
        switch self {
        case .eof: "end of input"
        case .identifier: "identifier \(GoQuoting.quote(text))"
        case .metricIdentifier: "metric identifier \(GoQuoting.quote(text))"
        case .string, .number, .duration:
            // Go's `%.10q...` for long values.
            kindName + " "
                + (text.unicodeScalars.count > 10 ? GoQuoting.quote(text, limit: 10) + "..." : GoQuoting.quote(text))
        case .add, .sub, .mul, .div, .mod, .pow, .equal, .notEqual, .lessOrEqual, .less, .greaterOrEqual, .greater,
            .regexMatch, .regexNoMatch, .at, .and, .or, .unless, .atan2:
            "<op:\(text)>"
        case .aggregator: "<aggr:\(text)>"
        case .bool, .by, .groupLeft, .groupRight, .ignoring, .offset, .smoothed, .anchored, .on, .without, .fill,
            .fillLeft, .fillRight:
            "<\(text)>"
        default: GoQuoting.quote(text)
        }
    }

    private var kindName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        default: "duration"
        }
    }
}
