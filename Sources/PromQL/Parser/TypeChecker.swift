import TimeSeries

/// Prometheus's `checkAST`: type and consistency checks over a syntactically valid expression, in Prometheus's order
/// (children before their parent, left to right), failing with the first error.
struct TypeChecker {
    /// The query, for error messages.
    let query: String
    /// The parser's notes on each binary operation.
    let binaryDetails: [PositionRange: BinaryDetails]

    /// Checks `expr` and returns its type.
    @discardableResult
    func check(_ expr: Expr, skipEmptyMatcherCheck: Bool = false) throws(ParseError) -> ValueType {
        switch expr {
        case .number:
            return .scalar
        case .string:
            return .string
        case .vectorSelector(let selector):
            try check(selector, skipEmptyMatcherCheck: skipEmptyMatcherCheck)
            return .vector
        case .matrixSelector(let matrix):
            try check(matrix.selector, skipEmptyMatcherCheck: false)
            return .matrix
        case .subquery(let subquery):
            let type = try check(subquery.expr)
            if type != .vector {
                throw error("subquery is only allowed on instant vector, got \(type.rawValue) instead", expr.position)
            }
            return .matrix
        case .paren(let inner, _):
            return try check(inner)
        case .unary(_, let inner, let position):
            let type = try check(inner)
            if type != .scalar && type != .vector {
                throw error(
                    "unary expression only allowed on expressions of type scalar or instant vector, got "
                        + GoQuoting.quote(type.documentedName), position)
            }
            return type
        case .binary(let top):
            // Long chains such as `a + b + c + …` nest to the left: walk them without recursing, checking the
            // innermost operation first as Prometheus does.
            var chain = [top]
            var leftmost = top.lhs
            while case .binary(let inner) = leftmost {
                chain.append(inner)
                leftmost = inner.lhs
            }
            var lhsType = try check(leftmost)
            for binary in chain.reversed() {
                let rhsType = try check(binary.rhs)
                try check(binary, lhsType: lhsType, rhsType: rhsType)
                lhsType = lhsType == .scalar && rhsType == .scalar ? .scalar : .vector
            }
            return lhsType
        case .aggregate(let aggregate):
            try expect(aggregate.expr, .vector, "aggregation expression")
            if let parameter = aggregate.parameter {
                try expect(parameter, aggregate.op == .countValues ? .string : .scalar, "aggregation parameter")
            }
            return .vector
        case .call(let call):
            try check(call)
            return call.function.returnType
        }
    }

    /// The type of `expr` without checking it, using the parser's notes for operations.
    private func typeOf(_ expr: Expr) -> ValueType {
        switch expr {
        case .binary(let binary): binaryDetails[binary.position]?.resultType ?? expr.type
        case .paren(let inner, _), .unary(_, let inner, _): typeOf(inner)
        default: expr.type
        }
    }

    private func expect(_ expr: Expr, _ wanted: ValueType, _ context: String) throws(ParseError) {
        let type = try check(expr)
        if type != wanted {
            throw error(
                "expected type \(wanted.documentedName) in \(context), got \(type.documentedName)", expr.position)
        }
    }

    private func check(_ selector: VectorSelector, skipEmptyMatcherCheck: Bool) throws(ParseError) {
        if let name = selector.name {
            for matcher in selector.matchers.dropFirst() where matcher.name == "__name__" {
                throw error(
                    "metric name must not be set twice: \(GoQuoting.quote(name)) or \(GoQuoting.quote(matcher.value))",
                    selector.position)
            }
            return
        }
        if !skipEmptyMatcherCheck && selector.matchers.allSatisfy(\.matchesEmpty) {
            throw error("vector selector must contain at least one non-empty matcher", selector.position)
        }
    }

    private func check(_ binary: BinaryExpr, lhsType: ValueType, rhsType: ValueType) throws(ParseError) {
        let details =
            binaryDetails[binary.position] ?? BinaryDetails(operatorRange: binary.position)
        let op = binary.op
        if binary.returnBool && !op.isComparison {
            throw error("bool modifier can only be used on comparison operators", details.operatorRange)
        }
        if op.isComparison && !binary.returnBool && lhsType == .scalar && rhsType == .scalar {
            throw error("comparisons between scalars must use BOOL modifier", details.operatorRange)
        }
        var cardinality = details.cardinality
        if op.isSetOperator && cardinality == .oneToOne { cardinality = .manyToMany }
        if details.on {
            for label in details.matchingLabels where details.include.contains(label) {
                throw error(
                    "label \(GoQuoting.quote(label)) must not occur in ON and GROUP clause at once",
                    details.operatorRange)
            }
        }
        if lhsType != .scalar && lhsType != .vector {
            throw error("binary expression must contain only scalar and instant vector types", binary.lhs.position)
        }
        if rhsType != .scalar && rhsType != .vector {
            throw error("binary expression must contain only scalar and instant vector types", binary.rhs.position)
        }
        if lhsType != .vector || rhsType != .vector {
            if !details.matchingLabels.isEmpty {
                throw error("vector matching only allowed between instant vectors", binary.position)
            }
        } else if op.isSetOperator {
            if cardinality == .oneToMany || cardinality == .manyToOne {
                throw error("no grouping allowed for \(GoQuoting.quote(op.rawValue)) operation", binary.position)
            }
        }
        if (lhsType == .scalar || rhsType == .scalar) && op.isSetOperator {
            throw error(
                "set operator \(GoQuoting.quote(op.rawValue)) not allowed in binary scalar expression", binary.position)
        }
    }

    private func check(_ call: FunctionCall) throws(ParseError) {
        let function = call.function
        let name = GoQuoting.quote(function.name)
        let declared = function.argumentTypes.count
        let given = call.arguments.count
        if function.variadic == 0 {
            if declared != given {
                throw error("expected \(declared) argument(s) in call to \(name), got \(given)", call.position)
            }
        } else {
            let required = declared - 1
            if required > given {
                throw error("expected at least \(required) argument(s) in call to \(name), got \(given)", call.position)
            }
            if function.variadic > 0 && required + function.variadic < given {
                throw error(
                    "expected at most \(required + function.variadic) argument(s) in call to \(name), got \(given)",
                    call.position)
            }
        }
        var labelsOnlySelector = false
        if function.name == "info" && given > 1 {
            let second = call.arguments[1]
            let secondType = typeOf(second)
            if secondType != .vector {
                throw error(
                    "expected type instant vector in call to function \(name), got \(secondType.documentedName)",
                    call.position)
            }
            guard case .vectorSelector(let selector) = second else {
                throw error("expected label selectors only", second.position)
            }
            if selector.name != nil {
                throw error("expected label selectors only, got vector selector instead", second.position)
            }
            labelsOnlySelector = true
        }
        for (index, argument) in call.arguments.enumerated() {
            var typeIndex = index
            if index >= declared {
                if function.variadic == 0 { break }
                typeIndex = declared - 1
            }
            let type = try check(argument, skipEmptyMatcherCheck: labelsOnlySelector && index == 1)
            let wanted = function.argumentTypes[typeIndex]
            if type != wanted {
                throw error(
                    "expected type \(wanted.documentedName) in call to function \(name), got \(type.documentedName)",
                    argument.position)
            }
        }
    }

    private func error(_ message: String, _ position: PositionRange) -> ParseError {
        ParseError(position: position, message: message, query: query)
    }
}
