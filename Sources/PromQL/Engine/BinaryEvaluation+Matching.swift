import TimeSeries

extension BinaryEvaluation {
    /// The labels Prometheus removes from the result of arithmetic (`schema.Metadata{}.SetToLabels`).
    private static let metadataLabels = LabelNameSet([Labels.metricNameLabel, "__type__", "__unit__"])

    /// `lhs and rhs`: the left elements whose signature occurs on the right.
    static func intersection(_ lhs: [VectorSample], _ rhs: [VectorSample], _ signature: MatchSignature)
        -> [VectorSample]
    {
        if lhs.isEmpty || rhs.isEmpty { return [] }
        let right = Set(rhs.map(signature.of))
        return lhs.filter { right.contains(signature.of($0)) }
    }

    /// `lhs or rhs`: every left element, then the right elements whose signature does not occur on the left.
    static func union(_ lhs: [VectorSample], _ rhs: [VectorSample], _ signature: MatchSignature) -> [VectorSample] {
        if lhs.isEmpty { return rhs }
        if rhs.isEmpty { return lhs }
        let left = Set(lhs.map(signature.of))
        return lhs + rhs.filter { !left.contains(signature.of($0)) }
    }

    /// `lhs unless rhs`: the left elements whose signature does not occur on the right.
    static func difference(_ lhs: [VectorSample], _ rhs: [VectorSample], _ signature: MatchSignature)
        -> [VectorSample]
    {
        if lhs.isEmpty || rhs.isEmpty { return lhs }
        let right = Set(rhs.map(signature.of))
        return lhs.filter { !right.contains(signature.of($0)) }
    }

    /// Arithmetic and comparisons between vectors (`VectorBinop`): one-to-one, many-to-one (`group_left`) or
    /// one-to-many (`group_right`, handled by swapping the sides).
    static func matched(
        _ op: BinaryOperator, lhs: [VectorSample], rhs: [VectorSample], matching: VectorMatching,
        signature: MatchSignature, returnBool: Bool
    ) throws(QueryError) -> [VectorSample] {
        if lhs.isEmpty || rhs.isEmpty { return [] }
        let swapped = matching.cardinality == .oneToMany
        let many = swapped ? rhs : lhs
        let one = swapped ? lhs : rhs

        var oneBySignature: [Labels: Int] = [:]
        oneBySignature.reserveCapacity(one.count)
        for (index, element) in one.enumerated() {
            let key = signature.of(element)
            if let previous = oneBySignature.updateValue(index, forKey: key) {
                throw duplicateError(group: key, element, one[previous], side: swapped ? "left" : "right")
            }
        }

        let oneToOne = matching.cardinality == .oneToOne
        let matchingNames = LabelNameSet(matching.matchingLabels)
        // Signatures and "one" elements correspond one to one, so both are tracked by the partner's index.
        var matchedOnce = [Bool](repeating: false, count: oneToOne ? one.count : 0)
        var resultsByPartner: [Int: Set<Labels>] = [:]
        var out: [VectorSample] = []
        out.reserveCapacity(many.count)
        for element in many {
            let key = signature.of(element)
            guard let partnerIndex = oneBySignature[key] else { continue }
            let partner = one[partnerIndex]
            let (left, right) = swapped ? (partner.value, element.value) : (element.value, partner.value)
            var (value, keep) = apply(op, left, right)
            if returnBool { value = keep ? 1 : 0 }
            let dropName = returnBool || (op.isComparison && element.dropName)
            let labels: Labels
            if oneToOne {
                guard !matchedOnce[partnerIndex] else {
                    throw QueryError(
                        .execution,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
                }
                matchedOnce[partnerIndex] = true
                guard keep || returnBool else { continue }
                labels = resultLabels(element, partner, op, matching, matchingNames)
            } else {
                labels = resultLabels(element, partner, op, matching, matchingNames)
                let identity = dropName ? labels.removingMetricName() : labels
                guard resultsByPartner[partnerIndex, default: []].insert(identity).inserted else {
                    throw QueryError(
                        .execution, "multiple matches for labels: grouping labels must ensure unique matches")
                }
                guard keep || returnBool else { continue }
            }
            out.append(VectorSample(labels: labels, value: value, dropName: dropName))
        }
        return out
    }

    /// Prometheus's `resultMetric`: the "many" (or left) element's labels, without the metadata labels for
    /// arithmetic, reduced to the `on` labels or without the `ignoring` labels for one-to-one matching, plus the
    /// `group_left`/`group_right` labels copied from the "one" side (removed when it lacks them).
    private static func resultLabels(
        _ element: VectorSample, _ partner: VectorSample, _ op: BinaryOperator, _ matching: VectorMatching,
        _ matchingNames: LabelNameSet
    ) -> Labels {
        let dropsMetadata = changesMetricSchema(op)
        let oneToOne = matching.cardinality == .oneToOne
        let keeps = { (label: Label) -> Bool in
            if dropsMetadata && metadataLabels.contains(label.name) { return false }
            if oneToOne { return matching.on == matchingNames.contains(label.name) }
            return true
        }
        if matching.include.isEmpty && element.labels.allSatisfy(keeps) { return element.labels }
        var kept = element.labels.labels.filter(keeps)
        for name in matching.include {
            kept.removeAll { $0.name == name }
            let value = partner.dropName && name == Labels.metricNameLabel ? "" : partner.labels.value(of: name)
            guard !value.isEmpty else { continue }
            let position = kept.firstIndex { $0.name > name } ?? kept.endIndex
            kept.insert(Label(name: name, value: value), at: position)
        }
        if kept.count == element.labels.count && matching.include.isEmpty { return element.labels }
        return Labels(sortedUnique: kept)
    }

    /// Prometheus's many-to-many error, naming the match group and the two clashing series (in sorted order).
    private static func duplicateError(group: Labels, _ first: VectorSample, _ second: VectorSample, side: String)
        -> QueryError
    {
        var series = [GoFormat.labels(first.effectiveLabels), GoFormat.labels(second.effectiveLabels)]
        if Array(series[1].utf8).lexicographicallyPrecedes(series[0].utf8) { series.swapAt(0, 1) }
        return QueryError(
            .execution,
            "found duplicate series for the match group \(GoFormat.labels(group)) on the \(side) hand-side of the "
                + "operation: [\(series[0]), \(series[1])];many-to-many matching not allowed: matching labels must "
                + "be unique on one side")
    }
}
