import TimeSeries

/// PromQL's binary operators at one evaluation step (Prometheus's `scalarBinop`, `VectorscalarBinop`,
/// `VectorBinop`, `VectorAnd`/`VectorOr`/`VectorUnless` and `vectorElemBinop`).
///
/// Name handling follows delayed name removal: an operation that drops the metric name sets
/// `VectorSample.dropName` and leaves `__name__` in the labels, except vector/vector arithmetic, whose result labels
/// Prometheus builds without the name (and without `__type__`/`__unit__`) in every mode.
enum BinaryEvaluation {
    /// `scalar op scalar`. Comparisons here always have `bool` (the parser enforces it) and give 0/1.
    static func scalarScalar(_ op: BinaryOperator, _ lhs: Double, _ rhs: Double) -> Double {
        let (value, keep) = apply(op, lhs, rhs)
        if op.isComparison { return keep ? 1 : 0 }
        return value
    }

    /// `vector op scalar` (`scalarOnLeft` false) or `scalar op vector` (true). Not called for set operators.
    ///
    /// A comparison without `bool` keeps the elements for which it holds, with the vector element's value even when
    /// the scalar is on the left; with `bool` every element is kept with 0 or 1. Arithmetic and `bool` comparisons
    /// drop the metric name.
    static func vectorScalar(
        _ op: BinaryOperator, vector: [VectorSample], scalar: Double, scalarOnLeft: Bool, returnBool: Bool
    ) -> [VectorSample] {
        let dropsName = changesMetricSchema(op) || returnBool
        var out: [VectorSample] = []
        out.reserveCapacity(vector.count)
        for element in vector {
            let (left, right) = scalarOnLeft ? (scalar, element.value) : (element.value, scalar)
            var (value, keep) = apply(op, left, right)
            if op.isComparison && scalarOnLeft { value = element.value }
            if returnBool {
                value = keep ? 1 : 0
                keep = true
            }
            guard keep else { continue }
            out.append(VectorSample(labels: element.labels, value: value, dropName: element.dropName || dropsName))
        }
        return out
    }

    /// `vector op vector` with `matching`; set operators arrive with cardinality `.manyToMany`.
    ///
    /// Throws Prometheus's matching errors: duplicate series on the "one" side, several left elements matching one
    /// right element without `group_left`/`group_right`, and grouped results that are not unique.
    static func vectorVector(
        _ op: BinaryOperator, lhs: [VectorSample], rhs: [VectorSample], matching: VectorMatching, returnBool: Bool
    ) throws(QueryError) -> [VectorSample] {
        let signature = MatchSignature(matching)
        switch op {
        case .and: return intersection(lhs, rhs, signature)
        case .or: return union(lhs, rhs, signature)
        case .unless: return difference(lhs, rhs, signature)
        default:
            return try matched(op, lhs: lhs, rhs: rhs, matching: matching, signature: signature, returnBool: returnBool)
        }
    }

    /// One element operation (`vectorElemBinop` for floats): the arithmetic result and true, or for a comparison the
    /// left value and whether the comparison holds.
    static func apply(_ op: BinaryOperator, _ lhs: Double, _ rhs: Double) -> (value: Double, keep: Bool) {
        switch op {
        case .add: (lhs + rhs, true)
        case .subtract: (lhs - rhs, true)
        case .multiply: (lhs * rhs, true)
        case .divide: (lhs / rhs, true)
        case .modulo: (GoMath.mod(lhs, rhs), true)
        case .power: (GoMath.pow(lhs, rhs), true)
        case .atan2: (GoMath.atan2(lhs, rhs), true)
        case .equal: (lhs, lhs == rhs)
        case .notEqual: (lhs, lhs != rhs)
        case .greater: (lhs, lhs > rhs)
        case .less: (lhs, lhs < rhs)
        case .greaterOrEqual: (lhs, lhs >= rhs)
        case .lessOrEqual: (lhs, lhs <= rhs)
        case .and, .or, .unless: preconditionFailure("set operator \(op.rawValue) has no element operation")
        }
    }

    /// Whether the operator changes what the values mean, so its result loses the metric name (the arithmetic
    /// operators; Prometheus's `changesMetricSchema`).
    static func changesMetricSchema(_ op: BinaryOperator) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo, .power, .atan2: true
        default: false
        }
    }
}
