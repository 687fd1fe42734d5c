import TimeSeries

extension Parser {
    /// `name`, `name{matchers}` or `{matchers}`; the name token (if any) is already consumed.
    mutating func parseVectorSelector(name nameToken: Token?) throws(ParseError) -> Expr {
        let name = nameToken.map { text($0) }
        var start = nameToken?.start
        var matchers: [Matcher] = []
        if try peekKind() == .leftBrace {
            let brace = try consume()
            start = start ?? brace.start
            matchers = try parseLabelMatchers()
        }
        if let name { matchers.insert(Matcher.metricName(name), at: 0) }
        let selector = VectorSelector(
            id: makeSelectorID(), name: name, matchers: matchers,
            position: PositionRange(start: start ?? previousEnd, end: previousEnd))
        return .vectorSelector(selector)
    }

    /// The matchers after `{`, through the closing `}`: `label op "value"`, `"label" op "value"` or a quoted metric
    /// name; a trailing comma is allowed.
    mutating func parseLabelMatchers() throws(ParseError) -> [Matcher] {
        var matchers: [Matcher] = []
        while true {
            let token = try peek()
            switch token.kind {
            case .rightBrace:
                try consume()
                return matchers
            case .identifier:
                try consume()
                guard let type = try peekKind().matchType else {
                    throw unexpected("label matching", "label matching operator")
                }
                try consume()
                matchers.append(try parseMatcherValue(type, name: text(token), nameStart: token.start))
            case .string:
                try consume()
                let name = unquote(token)
                if let type = try peekKind().matchType {
                    try consume()
                    matchers.append(try parseMatcherValue(type, name: name, nameStart: token.start))
                } else {
                    matchers.append(Matcher.metricName(name))
                }
            default:
                throw unexpected("label matching", "identifier or \"}\"")
            }
            switch try peekKind() {
            case .comma: try consume()
            case .rightBrace:
                try consume()
                return matchers
            default: throw unexpected("label matching", "\",\" or \"}\"")
            }
        }
    }

    /// The string after a matching operator, turned into a matcher (a bad regular expression is recorded).
    private mutating func parseMatcherValue(_ type: MatchType, name: String, nameStart: Int) throws(ParseError)
        -> Matcher
    {
        let token = try peek()
        guard token.kind == .string else { throw unexpected("label matching", "string") }
        try consume()
        let value = unquote(token)
        do {
            return try Matcher(type, name, value)
        } catch {
            record(error.description, PositionRange(start: nameStart, end: token.end))
            return Matcher.metricName("")
        }
    }

    /// `(label, …)` of `by`, `without`, `on`, `ignoring`, `group_left` and `group_right`; keywords and quoted names
    /// are labels too, and a trailing comma is allowed.
    mutating func parseGroupingLabels() throws(ParseError) -> [String] {
        guard try peekKind() == .leftParen else { throw unexpected("grouping opts", "\"(\"") }
        try consume()
        var labels: [String] = []
        if try peekKind() == .rightParen {
            try consume()
            return labels
        }
        while true {
            let token = try peek()
            if token.kind.isGroupingLabel {
                try consume()
                labels.append(text(token))
            } else if token.kind == .string {
                try consume()
                let label = unquote(token)
                if label.isEmpty {
                    record("invalid label name for grouping: \(GoQuoting.quote(label))", token.range)
                }
                labels.append(label)
            } else {
                throw unexpected("grouping opts", "label")
            }
            switch try peekKind() {
            case .rightParen:
                try consume()
                return labels
            case .comma:
                try consume()
                if try peekKind() == .rightParen {
                    try consume()
                    return labels
                }
            default:
                throw unexpected("grouping opts", "\",\" or \")\"")
            }
        }
    }
}
