extension Parser {
    /// `name(args…)` (the name is consumed; the next token is `(`).
    mutating func parseCall(name: Token) throws(ParseError) -> Expr {
        let arguments = try parseArguments()
        let functionName = text(name)
        var signature = FunctionTable.signature(named: functionName)
        if signature == nil {
            record("unknown function with name \(GoQuoting.quote(functionName))", name.range)
        } else if signature?.isExperimental == true && !enableExperimental {
            record("function \(GoQuoting.quote(functionName)) is not enabled", name.range)
        }
        signature =
            signature
            ?? FunctionSignature(
                name: functionName, argumentTypes: [], variadic: 0, returnType: .vector, isExperimental: false)
        return .call(
            FunctionCall(
                function: signature!, arguments: arguments,
                position: PositionRange(start: name.start, end: previousEnd)))
    }

    /// `op [by|without (…)] (args…) [by|without (…)]` (the operator keyword is consumed).
    mutating func parseAggregation(_ op: AggregateOperator, keyword: Token) throws(ParseError) -> Expr {
        aggregationDepth += 1
        var grouping: [String] = []
        var without = false
        var modifierWritten = false
        var kind = try peekKind()
        if kind == .by || kind == .without {
            try consume()
            without = kind == .without
            grouping = try parseGroupingLabels()
            modifierWritten = true
            guard try peekKind() == .leftParen else { throw unexpected() }
        }
        let arguments = try parseArguments()
        if !modifierWritten {
            kind = try peekKind()
            if kind == .by || kind == .without {
                try consume()
                without = kind == .without
                grouping = try parseGroupingLabels()
            }
        }
        aggregationDepth -= 1
        let position = PositionRange(start: keyword.start, end: previousEnd)
        let placeholder = Expr.number(0, position)
        var expr = placeholder
        var parameter: Expr?
        if arguments.isEmpty {
            record("no arguments for aggregate expression provided", position)
        } else if op.isExperimental && !enableExperimental {
            record(
                "\(op.rawValue)() is experimental and must be enabled with "
                    + "--enable-feature=promql-experimental-functions", position)
        } else {
            let wanted = op.takesParameter ? 2 : 1
            if op.takesParameter { parameter = arguments[0] }
            if arguments.count != wanted {
                record(
                    "wrong number of arguments for aggregate expression provided, expected \(wanted), "
                        + "got \(arguments.count)", position)
            } else {
                expr = arguments[wanted - 1]
            }
        }
        return .aggregate(
            AggregateExpr(
                op: op, expr: expr, parameter: parameter, grouping: grouping, without: without, position: position))
    }

    /// `(…)` of a call or aggregation: expressions separated by commas. A comma not followed by an expression is
    /// recorded (`trailing commas not allowed in function call args`) and parsing goes on.
    private mutating func parseArguments() throws(ParseError) -> [Expr] {
        try consume()
        var arguments: [Expr] = []
        if try peekKind() == .rightParen {
            try consume()
            return arguments
        }
        arguments.append(try parseExpression(minPrecedence: 0))
        while true {
            switch try peekKind() {
            case .rightParen:
                try consume()
                return arguments
            case .comma:
                let comma = try consume()
                if try peekKind().startsExpression {
                    arguments.append(try parseExpression(minPrecedence: 0))
                } else {
                    record("trailing commas not allowed in function call args", comma.range)
                }
            default:
                throw unexpected()
            }
        }
    }
}
