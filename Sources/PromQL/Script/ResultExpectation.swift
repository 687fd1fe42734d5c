import TimeSeries

/// The expected result of one `eval`, with labels read, and the comparison of a query result against it, following
/// the Prometheus harness (`compareResult`).
struct ResultExpectation {
    /// One expected series.
    struct Entry {
        /// 1-based position among the expected lines (for `expect ordered`).
        var position: Int
        /// The values: one for instant vectors, one per step for matrices.
        var values: [SequenceValue]
    }

    /// A scalar is expected.
    var scalar: Double?
    /// The expected string (the harness compares string results to "" when none is given).
    var string: String
    /// The expected series by labels.
    var series: [Labels: Entry]
    /// The expected labels in file order, for messages.
    var order: [Labels]
    /// The order of vector elements matters.
    var ordered: Bool
    /// The timestamps of matrix points: `start + i*step`, up to `end` (ms).
    var start: Int64
    var end: Int64
    var step: Int64

    /// A difference between the result and the expectation.
    struct Mismatch: Error {
        var message: String
        var expected: String
        var got: String
    }

    /// Nil when `value` is what was expected.
    func mismatch(_ value: QueryValue) -> Mismatch? {
        do {
            try check(value)
            return nil
        } catch {
            return error
        }
    }

    private func check(_ value: QueryValue) throws(Mismatch) {
        switch value {
        case .matrix(let matrix): try checkMatrix(matrix, value)
        case .vector(_, let samples): try checkVector(samples, value)
        case .scalar(_, let got):
            guard let scalar else { throw fail("expected vector or matrix result, but got scalar", value) }
            guard AlmostEqual.equal(scalar, got) else {
                throw fail("expected scalar \(format(scalar)) but got \(format(got))", value)
            }
        case .string(_, let got):
            guard got == string else { throw fail("expected string \"\(string)\" but got \"\(got)\"", value) }
        }
    }

    private func checkVector(_ samples: [InstantSample], _ value: QueryValue) throws(Mismatch) {
        if scalar != nil { throw fail("expected scalar result, but got vector", value) }
        var seen = Set<Labels>()
        for (index, sample) in samples.enumerated() {
            guard let entry = series[sample.labels] else {
                throw fail("unexpected metric \(sample.labels) in result, has value \(format(sample.value))", value)
            }
            if ordered && entry.position != index + 1 {
                throw fail(
                    "expected metric \(sample.labels) at position \(entry.position) but was at \(index + 1)", value)
            }
            let expected = entry.values.first?.float ?? 0
            guard AlmostEqual.equal(expected, sample.value) else {
                throw fail(
                    "expected \(format(expected)) for \(sample.labels) but got \(format(sample.value))", value)
            }
            seen.insert(sample.labels)
        }
        if let missing = order.first(where: { !seen.contains($0) }) {
            throw fail("expected metric \(missing) not found", value)
        }
    }

    private func checkMatrix(_ matrix: [Series], _ value: QueryValue) throws(Mismatch) {
        if ordered { throw fail("expected ordered result, but query returned a matrix", value) }
        if scalar != nil { throw fail("expected scalar result, but got matrix", value) }
        for index in matrix.indices.dropFirst() where matrix[index].labels < matrix[index - 1].labels {
            throw fail(
                "matrix results should always be sorted by labels, but \(matrix[index].labels) comes "
                    + "after \(matrix[index - 1].labels)", value)
        }
        var seen = Set<Labels>()
        for entry in matrix {
            guard let expected = series[entry.labels] else {
                throw fail("unexpected metric \(entry.labels) in result", value)
            }
            seen.insert(entry.labels)
            var points: [Sample] = []
            for (index, slot) in expected.values.enumerated() {
                let timestamp = start + Int64(index) * step
                guard timestamp <= end else {
                    throw fail(
                        "expected \(expected.values.count) points for \(entry.labels), but query time range "
                            + "cannot return this many points", value)
                }
                if let float = slot.float { points.append(Sample(timestamp: timestamp, value: float)) }
            }
            guard points.count == entry.samples.count else {
                throw fail(
                    "expected \(points.count) float points for \(entry.labels), but got "
                        + "\(entry.samples.count)", value)
            }
            for (want, have) in zip(points, entry.samples) {
                guard want.timestamp == have.timestamp else {
                    throw fail(
                        "expected a point of \(entry.labels) at \(PromQLTestFormat.time(want.timestamp)), "
                            + "but it is at \(PromQLTestFormat.time(have.timestamp))", value)
                }
                guard AlmostEqual.equal(want.value, have.value) else {
                    throw fail(
                        "expected \(format(want.value)) for \(entry.labels) at "
                            + "\(PromQLTestFormat.time(want.timestamp)) but got \(format(have.value))", value)
                }
            }
        }
        if let missing = order.first(where: { !seen.contains($0) }) {
            throw fail("expected metric \(missing) not found", value)
        }
    }

    private func fail(_ message: String, _ value: QueryValue) -> Mismatch {
        Mismatch(message: message, expected: description(for: value), got: PromQLTestFormat.result(value))
    }

    /// The expectation in the shape of the result it is compared with.
    private func description(for value: QueryValue) -> String {
        if let scalar { return "scalar \(format(scalar))" }
        if case .string = value { return "string \"\(string)\"" }
        if order.isEmpty {
            if case .matrix = value { return "empty matrix" }
            return "empty vector"
        }
        var matrixShape = false
        if case .matrix = value { matrixShape = true }
        return order.map { labels in
            let values = series[labels]?.values ?? []
            guard matrixShape else { return "\(labels) \(format(values.first?.float ?? 0))" }
            let points = values.enumerated().compactMap { index, slot in
                slot.float.map { "\(format($0))@\(PromQLTestFormat.time(start + Int64(index) * step))" }
            }
            return "\(labels) \(points.joined(separator: " "))"
        }.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String { PromQLTestFormat.value(value) }
}
