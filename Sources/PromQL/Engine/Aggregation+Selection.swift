import TimeSeries

extension Aggregation {
    /// `topk`, `bottomk`, `limitk`, `limit_ratio` (Prometheus's `aggregationK`): per group, the selected input
    /// elements unchanged. `topk` comes out descending and `bottomk` ascending (NaN last) within each group;
    /// `limitk` and `limit_ratio` in their heap's order.
    static func select(
        _ op: AggregateOperator, input: [VectorSample], grouping: AggregationGrouping, parameter: Double?
    ) throws(QueryError) -> [VectorSample] {
        let value = parameter ?? .nan
        var k = 0
        var ratio = 0.0
        if op == .limitRatio {
            if value == 0 { return [] }
            if value.isNaN { throw QueryError(.execution, "Ratio value is NaN") }
            ratio = min(max(value, -1), 1)
        } else {
            if value.isNaN { throw QueryError(.execution, "Parameter value is NaN") }
            if value < 1 { return [] }
            if value >= maxInt64 {
                throw QueryError(.execution, "Scalar value \(GoFormat.general(value)) overflows int64")
            }
            k = Int(min(value.rounded(.towardZero), Double(input.count)))
            if k < 1 { return [] }
        }

        var indexByGroup: [Labels: Int] = [:]
        var heaps: [SelectionHeap] = []
        for element in input {
            let group = grouping.group(of: element)
            guard let index = indexByGroup[group] else {
                indexByGroup[group] = heaps.count
                var heap = SelectionHeap(op == .bottomk ? .descending : .ascending)
                switch op {
                case .limitk: heap.setFirst(element)
                case .limitRatio: if sampled(element, ratio: ratio) { heap.push(element) }
                default: heap.push(element)
                }
                heaps.append(heap)
                continue
            }
            offer(element, to: &heaps[index], op: op, k: k, ratio: ratio)
        }

        var out: [VectorSample] = []
        for heap in heaps {
            switch op {
            case .topk, .bottomk: out += heap.count > 1 ? heap.sortedReversed() : heap.elements
            default: out += heap.elements
            }
        }
        return out
    }

    /// Considers `element` for a group that already has a heap.
    private static func offer(
        _ element: VectorSample, to heap: inout SelectionHeap, op: AggregateOperator, k: Int, ratio: Double
    ) {
        switch op {
        case .topk:
            if heap.count < k {
                heap.push(element)
            } else if heap.topValue < element.value || (heap.topValue.isNaN && !element.value.isNaN) {
                heap.replaceTop(element, restore: k > 1)
            }
        case .bottomk:
            if heap.count < k {
                heap.push(element)
            } else if heap.topValue > element.value || (heap.topValue.isNaN && !element.value.isNaN) {
                heap.replaceTop(element, restore: k > 1)
            }
        case .limitk:
            if heap.count < k { heap.push(element) }
        case .limitRatio:
            if sampled(element, ratio: ratio) { heap.push(element) }
        default:
            preconditionFailure("\(op.rawValue) is not a selecting aggregation")
        }
    }

    /// Prometheus's `HashRatioSampler`: the series' offset in [0, 1] from the hash of its labels is below `ratio`, or
    /// for a negative ratio at least `1 + ratio`, so `limit_ratio(r, …)` and `limit_ratio(-(1-r), …)` complement.
    static func sampled(_ element: VectorSample, ratio: Double) -> Bool {
        let offset = Double(XXHash64.hash(element.labels)) / Double(UInt64.max)
        return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1 + ratio)
    }
}
