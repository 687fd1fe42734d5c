import TimeSeries

/// `label_replace` and `label_join` over one instant vector (`evalLabelReplace`, `evalLabelJoin`).
///
/// Both validate their arguments before looking at the vector, so an invalid argument fails even on empty input,
/// and both fail when two resulting elements share a label set (`vector cannot contain metrics with the same
/// labelset`; checked per instant vector, which is Prometheus's rule of no two series with the same labels at the
/// same timestamp). Writing `__name__` clears the element's `dropName`; any other destination keeps it.
enum LabelFunctions {
    /// `label_replace(v, destination, replacement, source, regex)`.
    ///
    /// For each element whose `source` label value (empty when absent, `__name__` included) matches the fully
    /// anchored `regex`, `destination` is set to `replacement` with `$1`, `${1}`, `$name`, `${name}` expanded as
    /// Go's `Regexp.Expand` does; an empty result removes the label. Elements that do not match are unchanged.
    static func replace(
        _ input: [VectorSample], destination: String, replacement: String, source: String, regex: String
    ) throws(QueryError) -> [VectorSample] {
        let replacer = try Replacer(destination: destination, replacement: replacement, source: source, regex: regex)
        return try replacer.apply(input)
    }

    /// `label_join(v, destination, separator, sources...)`: sets `destination` to the values of `sources` (empty
    /// when absent) joined by `separator` on every element; an empty result removes the label.
    static func join(
        _ input: [VectorSample], destination: String, separator: String, sources: [String]
    ) throws(QueryError) -> [VectorSample] {
        for source in sources where !isValidLabelName(source) {
            throw QueryError(.execution, "invalid source label name in label_join(): \(source)")
        }
        guard isValidLabelName(destination) else {
            throw QueryError(.execution, "invalid destination label name in label_join(): \(destination)")
        }
        let output = input.map { element in
            let joined = sources.map { element.labels.value(of: $0) }.joined(separator: separator)
            return relabeled(element, destination: destination, value: joined)
        }
        try checkDistinctLabelSets(output)
        return output
    }

    /// A compiled `label_replace`: validate and compile once per query, then apply at every step.
    struct Replacer: Sendable {
        let destination: String
        let source: String
        private let template: ReplacementTemplate
        private let regex: AnchoredRegex

        /// Checks the arguments in Prometheus's order (regex first, then the destination name).
        init(destination: String, replacement: String, source: String, regex: String) throws(QueryError) {
            do {
                self.regex = try AnchoredRegex(regex)
            } catch {
                throw QueryError(.execution, "invalid regular expression in label_replace(): \(regex)")
            }
            guard LabelFunctions.isValidLabelName(destination) else {
                throw QueryError(.execution, "invalid destination label name in label_replace(): \(destination)")
            }
            self.destination = destination
            self.source = source
            template = ReplacementTemplate(replacement)
        }

        /// Applies the replacement to every element of `input`.
        func apply(_ input: [VectorSample]) throws(QueryError) -> [VectorSample] {
            var output = input
            for index in output.indices {
                let value = output[index].labels.value(of: source)
                guard let captures = regex.wholeMatchCaptures(value) else { continue }
                let replaced = template.expand(captures)
                output[index] = LabelFunctions.relabeled(output[index], destination: destination, value: replaced)
            }
            try LabelFunctions.checkDistinctLabelSets(output)
            return output
        }
    }

    // MARK: - Helpers

    /// `element` with `destination` set to `value` (removed when empty) and `dropName` cleared when the
    /// destination is the metric name.
    static func relabeled(_ element: VectorSample, destination: String, value: String) -> VectorSample {
        var result = element
        result.labels = element.labels.setting(destination, to: value)
        if destination == Labels.metricNameLabel {
            result.dropName = false
        }
        return result
    }

    /// Fails with Prometheus's message when two elements have the same labels.
    static func checkDistinctLabelSets(_ elements: [VectorSample]) throws(QueryError) {
        guard elements.count > 1 else { return }
        var seen = Set<Labels>(minimumCapacity: elements.count)
        for element in elements where !seen.insert(element.labels).inserted {
            throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
        }
    }

    /// Prometheus 3's label name rule (UTF-8 validation): any non-empty valid UTF-8 string.
    ///
    /// A Swift string is always valid UTF-8, so the invalid bytes of a PromQL literal such as `"\xff"` can only
    /// reach here as U+FFFD replacement characters; a name containing one is taken as invalid UTF-8.
    static func isValidLabelName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains("\u{FFFD}")
    }
}
