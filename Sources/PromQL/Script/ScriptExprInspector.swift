import TimeSeries

/// Walks parsed queries for what the test runner needs: experimental features, the selectors, the functions the
/// harness's `@` re-run excludes, and where it inserts `@`.
enum ScriptExprInspector {
    /// Prometheus's `AtModifierUnsafeFunctions`: results that vary with the evaluation time even when every argument
    /// is pinned with `@`.
    static let atModifierUnsafeFunctions: Set<String> = [
        "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute", "month", "year",
        "predict_linear", "time", "timestamp",
    ]

    /// Calls `body` on `expr` and every expression below it, depth first; subqueries are entered only when
    /// `intoSubqueries` is true.
    static func visit(_ expr: Expr, intoSubqueries: Bool = true, _ body: (Expr) -> Void) {
        body(expr)
        switch expr {
        case .number, .string, .vectorSelector, .matrixSelector:
            break
        case .subquery(let subquery):
            if intoSubqueries { visit(subquery.expr, intoSubqueries: intoSubqueries, body) }
        case .paren(let inner, _), .unary(_, let inner, _):
            visit(inner, intoSubqueries: intoSubqueries, body)
        case .binary(let binary):
            visit(binary.lhs, intoSubqueries: intoSubqueries, body)
            visit(binary.rhs, intoSubqueries: intoSubqueries, body)
        case .aggregate(let aggregate):
            if let parameter = aggregate.parameter { visit(parameter, intoSubqueries: intoSubqueries, body) }
            visit(aggregate.expr, intoSubqueries: intoSubqueries, body)
        case .call(let call):
            for argument in call.arguments { visit(argument, intoSubqueries: intoSubqueries, body) }
        }
    }

    /// The first experimental function or aggregation in `expr`, described for a skip reason.
    static func experimentalFeature(in expr: Expr) -> String? {
        var found: String?
        visit(expr) { node in
            guard found == nil else { return }
            switch node {
            case .call(let call) where call.function.isExperimental:
                found = "experimental function \(call.function.name)()"
            case .aggregate(let aggregate) where aggregate.op.isExperimental:
                found = "experimental aggregation \(aggregate.op.rawValue)"
            default:
                break
            }
        }
        return found
    }

    /// Every vector selector, including those of range selectors and inside subqueries.
    static func selectors(in expr: Expr) -> [VectorSelector] {
        var selectors: [VectorSelector] = []
        visit(expr) { node in
            switch node {
            case .vectorSelector(let selector): selectors.append(selector)
            case .matrixSelector(let matrix): selectors.append(matrix.selector)
            default: break
            }
        }
        return selectors
    }

    /// Whether the harness skips the `@` re-run: a call of an `atModifierUnsafeFunctions` function outside
    /// subqueries (the re-run pins subqueries, so calls inside them are safe).
    static func hasAtModifierUnsafeFunction(_ expr: Expr) -> Bool {
        var found = false
        visit(expr, intoSubqueries: false) { node in
            if case .call(let call) = node, atModifierUnsafeFunctions.contains(call.function.name) { found = true }
        }
        return found
    }

    /// The query with `@ <time>` added to every selector, range selector and subquery outside subqueries that has
    /// none, like the harness's step-invariance re-run. `expr` must be the parse of `query` (positions are UTF-8
    /// offsets into it).
    static func pinningSelectors(of expr: Expr, in query: String, at time: Int64) -> String {
        var offsets: [Int] = []
        visit(expr, intoSubqueries: false) { node in
            switch node {
            case .vectorSelector(let selector) where selector.at == nil:
                offsets.append(selector.position.end)
            case .matrixSelector(let matrix) where matrix.selector.at == nil:
                offsets.append(matrix.position.end)
            case .subquery(let subquery) where subquery.at == nil:
                offsets.append(subquery.position.end)
            default:
                break
            }
        }
        var bytes = Array(query.utf8)
        let modifier = Array(" @ \(seconds(time))".utf8)
        for offset in Set(offsets).sorted(by: >) where offset >= 0 && offset <= bytes.count {
            bytes.insert(contentsOf: modifier, at: offset)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Milliseconds as Unix seconds with three decimals (`-600.000`).
    static func seconds(_ milliseconds: Int64) -> String {
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return (milliseconds < 0 ? "-" : "") + "\(magnitude / 1000).\(padded)"
    }
}
