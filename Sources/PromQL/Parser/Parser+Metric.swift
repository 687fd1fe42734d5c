import TimeSeries

extension Parser {
    /// A series description `name{a="b", …}`, `{…}` or `name` (Prometheus's `metric` rule): only `=` pairs, and a
    /// quoted name alone stands for `__name__`.
    mutating func parseMetricDescription() throws(ParseError) -> Labels {
        var name: String?
        var labels: [Label] = []
        let first = try peek()
        if first.kind.isMetricIdentifier {
            try consume()
            name = text(first)
        }
        if try peekKind() == .leftBrace {
            try consume()
            labels = try parseLabelSet()
        }
        guard try peekKind() == .eof else { throw unexpected("") }
        if !errors.isEmpty { throw firstError }
        if let name { labels.append(Label(name: Labels.metricNameLabel, value: name)) }
        return Labels(labels)
    }

    /// The pairs after `{`, through `}`.
    private mutating func parseLabelSet() throws(ParseError) -> [Label] {
        var labels: [Label] = []
        while true {
            let token = try peek()
            switch token.kind {
            case .rightBrace:
                try consume()
                return labels
            case .identifier:
                try consume()
                guard try peekKind() == .assign else { throw unexpected("label set", "\"=\"") }
                try consume()
                labels.append(Label(name: text(token), value: try parseLabelSetValue()))
            case .string:
                try consume()
                let quoted = unquote(token)
                if try peekKind() == .assign {
                    try consume()
                    labels.append(Label(name: quoted, value: try parseLabelSetValue()))
                } else {
                    labels.append(Label(name: Labels.metricNameLabel, value: quoted))
                }
            default:
                throw unexpected("label set", "identifier or \"}\"")
            }
            switch try peekKind() {
            case .comma: try consume()
            case .rightBrace:
                try consume()
                return labels
            default: throw unexpected("label set", "\",\" or \"}\"")
            }
        }
    }

    private mutating func parseLabelSetValue() throws(ParseError) -> String {
        let token = try peek()
        guard token.kind == .string else { throw unexpected("label set", "string") }
        try consume()
        return unquote(token)
    }

    /// A selector alone, `name{matchers}`, `name` or `{matchers}` (Prometheus's `ParseMetricSelector`), which must
    /// contain a matcher that does not match the empty string.
    mutating func parseSelectorMatchers() throws(ParseError) -> [Matcher] {
        let first = try peek()
        let expr: Expr
        if first.kind.isMetricIdentifier {
            try consume()
            expr = try parseVectorSelector(name: first)
        } else if first.kind == .leftBrace {
            expr = try parseVectorSelector(name: nil)
        } else {
            throw unexpected("")
        }
        guard try peekKind() == .eof else { throw unexpected("") }
        if !errors.isEmpty { throw firstError }
        guard case .vectorSelector(let selector) = expr else { return [] }
        if selector.matchers.allSatisfy(\.matchesEmpty) {
            record("vector selector must contain at least one non-empty matcher", selector.position)
            throw firstError
        }
        return selector.matchers
    }
}
