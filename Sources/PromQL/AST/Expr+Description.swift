import TimeSeries

extension Expr: CustomStringConvertible {
    /// Prometheus's canonical form of the expression (its `String()`), e.g.
    /// `sum by (job) (rate(http_requests_total{job="api"}[5m]))` or `a + on (x) group_left (y) b`: single spaces
    /// around binary operators, matchers sorted, durations like `1h30m`, `@` times with three decimals. Parentheses
    /// appear where the source had them. The result parses back to the same expression.
    public var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .number(let value, _):
            out += GoFloatFormat.shortest(value)
        case .string(let value, _):
            out += GoQuoting.quote(value, escapeReplacement: true)
        case .vectorSelector(let selector):
            Expr.writeSelector(selector, to: &out)
            Expr.writeAt(selector.at, to: &out)
            Expr.writeOffset(selector.offset, to: &out)
        case .matrixSelector(let matrix):
            Expr.writeSelector(matrix.selector, to: &out)
            out += "[" + GoDuration.format(milliseconds: matrix.range) + "]"
            Expr.writeAt(matrix.selector.at, to: &out)
            Expr.writeOffset(matrix.selector.offset, to: &out)
        case .subquery(let subquery):
            subquery.expr.write(to: &out)
            out += "[" + GoDuration.format(milliseconds: subquery.range) + ":"
            if subquery.step != 0 { out += GoDuration.format(milliseconds: subquery.step) }
            out += "]"
            Expr.writeAt(subquery.at, to: &out)
            Expr.writeOffset(subquery.offset, to: &out)
        case .paren(let inner, _):
            out += "("
            inner.write(to: &out)
            out += ")"
        case .unary(let op, let inner, _):
            out += op.rawValue
            inner.write(to: &out)
        case .binary(let top):
            // Chains such as `a + b + c + …` nest to the left: print them without recursing down that side.
            var chain = [top]
            var leftmost = top.lhs
            while case .binary(let inner) = leftmost {
                chain.append(inner)
                leftmost = inner.lhs
            }
            leftmost.write(to: &out)
            for binary in chain.reversed() {
                out += " " + binary.op.rawValue
                if binary.returnBool { out += " bool" }
                if let matching = binary.matching { Expr.writeMatching(matching, to: &out) }
                out += " "
                binary.rhs.write(to: &out)
            }
        case .aggregate(let aggregate):
            out += aggregate.op.rawValue
            if aggregate.without {
                out += " without ("
                Expr.writeLabels(aggregate.grouping, to: &out)
                out += ") "
            } else if !aggregate.grouping.isEmpty {
                out += " by ("
                Expr.writeLabels(aggregate.grouping, to: &out)
                out += ") "
            }
            out += "("
            if let parameter = aggregate.parameter {
                parameter.write(to: &out)
                out += ", "
            }
            aggregate.expr.write(to: &out)
            out += ")"
        case .call(let call):
            out += call.function.name + "("
            for (index, argument) in call.arguments.enumerated() {
                if index > 0 { out += ", " }
                argument.write(to: &out)
            }
            out += ")"
        }
    }

    private static func writeOffset(_ offset: Int64, to out: inout String) {
        if offset > 0 {
            out += " offset " + GoDuration.format(milliseconds: offset)
        } else if offset < 0 {
            out += " offset -" + GoDuration.format(milliseconds: Int64(clamping: offset.magnitude))
        }
    }

    /// Label names, quoted when they are not `[a-zA-Z_][a-zA-Z0-9_]*`.
    private static func writeLabels(_ labels: [String], to out: inout String) {
        for (index, label) in labels.enumerated() {
            if index > 0 { out += ", " }
            out += GoQuoting.isLegacyLabelName(label) ? label : GoQuoting.quote(label, escapeReplacement: true)
        }
    }

    /// `name{matchers}` without modifiers: matchers sorted as strings, the name matcher left out when it repeats the
    /// written name.
    private static func writeSelector(_ selector: VectorSelector, to out: inout String) {
        out += selector.name ?? ""
        var rendered: [String] = []
        for matcher in selector.matchers {
            if let name = selector.name, !name.isEmpty, matcher.name == Labels.metricNameLabel,
                matcher.type == .equal, matcher.value == name
            {
                continue
            }
            let label =
                GoQuoting.isLegacyLabelName(matcher.name)
                ? matcher.name : GoQuoting.quote(matcher.name, escapeReplacement: true)
            rendered.append(label + matcher.type.rawValue + GoQuoting.quote(matcher.value, escapeReplacement: true))
        }
        guard !rendered.isEmpty else { return }
        rendered.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        out += "{" + rendered.joined(separator: ",") + "}"
    }

    /// ` on (…)`/` ignoring (…)` when labels, `on` or grouping were written, then ` group_left (…)`/
    /// ` group_right (…)`.
    private static func writeMatching(_ matching: VectorMatching, to out: inout String) {
        let grouped = matching.cardinality == .manyToOne || matching.cardinality == .oneToMany
        if !matching.matchingLabels.isEmpty || matching.on || grouped {
            out += matching.on ? " on (" : " ignoring ("
            writeLabels(matching.matchingLabels, to: &out)
            out += ")"
        }
        if grouped {
            out += matching.cardinality == .manyToOne ? " group_left (" : " group_right ("
            writeLabels(matching.include, to: &out)
            out += ")"
        }
    }

    /// ` @ 1700000000.000`, ` @ start()`, ` @ end()` or nothing.
    private static func writeAt(_ at: AtModifier?, to out: inout String) {
        switch at {
        case .none: break
        case .start: out += " @ start()"
        case .end: out += " @ end()"
        case .timestamp(let milliseconds):
            let magnitude = milliseconds.magnitude
            var fraction = String(magnitude % 1000)
            while fraction.count < 3 { fraction = "0" + fraction }
            out += " @ " + (milliseconds < 0 ? "-" : "") + String(magnitude / 1000) + "." + fraction
        }
    }
}
