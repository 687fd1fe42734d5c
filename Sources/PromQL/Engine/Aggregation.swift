import TimeSeries

/// PromQL's aggregation operators at one evaluation step (Prometheus's `aggregation`, `aggregationK` and
/// `aggregationCountValues`).
///
/// Groups come out in the order their first element appears in the input. The outputs of `sum`, `avg`, … carry the
/// group's labels and keep their name only when grouped `by(__name__)`; `topk`, `bottomk`, `limitk` and
/// `limit_ratio` return the selected input elements unchanged (labels and `dropName`).
enum Aggregation {
    /// One aggregation at one step. `parameter` is the evaluated scalar (quantile φ, topk/bottomk k, limitk k,
    /// limit_ratio r) or nil; `label` is count_values' string parameter or nil.
    static func aggregate(
        _ op: AggregateOperator, input: [VectorSample], grouping: [String], without: Bool, parameter: Double?,
        label: String?
    ) throws(QueryError) -> [VectorSample] {
        switch op {
        case .topk, .bottomk, .limitk, .limitRatio:
            return try select(
                op, input: input, grouping: AggregationGrouping(grouping, without: without), parameter: parameter)
        case .countValues:
            return try countValues(input: input, grouping: grouping, without: without, label: label ?? "")
        default:
            return reduce(
                op, input: input, grouping: AggregationGrouping(grouping, without: without),
                parameter: parameter ?? .nan)
        }
    }

    /// The parameter checks Prometheus makes once over the parameter's values at every step of a range evaluation
    /// (`rangeEvalAgg`), before any step: a NaN k or ratio anywhere fails, and so does a k beyond `Int64`'s range
    /// when some step has k ≥ 1. Per-step evaluation alone cannot see a k that underflows at one step while another
    /// step has k ≥ 1; an evaluator calls this to report that as Prometheus does.
    static func checkParameters(_ op: AggregateOperator, _ values: [Double]) throws(QueryError) {
        guard !values.isEmpty else { return }
        switch op {
        case .topk, .bottomk, .limitk:
            if values.contains(where: \.isNaN) { throw QueryError(.execution, "Parameter value is NaN") }
            let largest = values.max()!
            let smallest = values.min()!
            if largest < 1 { return }
            if smallest <= minInt64 {
                throw QueryError(.execution, "Scalar value \(GoFormat.general(smallest)) underflows int64")
            }
            if largest >= maxInt64 {
                throw QueryError(.execution, "Scalar value \(GoFormat.general(largest)) overflows int64")
            }
        case .limitRatio:
            if values.allSatisfy({ $0 == 0 }) { return }
            if values.contains(where: \.isNaN) { throw QueryError(.execution, "Ratio value is NaN") }
        default:
            return
        }
    }

    /// The largest float that converts to an `Int64` without overflow (Prometheus's `maxInt64`).
    static let maxInt64 = 9_223_372_036_854_774_784.0
    /// The smallest float that converts to an `Int64` (Prometheus's `minInt64`).
    static let minInt64 = -9_223_372_036_854_775_808.0

    /// `sum avg min max count group stddev stdvar quantile`.
    private static func reduce(
        _ op: AggregateOperator, input: [VectorSample], grouping: AggregationGrouping, parameter: Double
    ) -> [VectorSample] {
        var indexByGroup: [Labels: Int] = [:]
        var groups: [(labels: Labels, state: AggregationGroupState)] = []
        for element in input {
            let labels = grouping.group(of: element)
            if let index = indexByGroup[labels] {
                groups[index].state.add(element.value, op)
            } else {
                indexByGroup[labels] = groups.count
                groups.append((labels, AggregationGroupState(element.value, op)))
            }
        }
        var out: [VectorSample] = []
        out.reserveCapacity(groups.count)
        for index in groups.indices {
            out.append(
                VectorSample(labels: groups[index].labels, value: groups[index].state.result(op, parameter: parameter)))
        }
        return out
    }
}
