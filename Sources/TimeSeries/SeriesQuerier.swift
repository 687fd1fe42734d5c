/// Reads series by label matchers over a time range. PromQL and the query API read storage only through this.
///
/// Time ranges are inclusive milliseconds. Implementations must be safe to call from any thread, concurrently with
/// appends; a call sees every append that returned before it started.
public protocol SeriesQuerier: Sendable {
    /// The series matching every matcher that have at least one sample in `start...end`, each with its samples in
    /// that range in ascending time order (stale markers included), sorted by labels.
    func select(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Series]

    /// The label sets of the series matching every matcher that have samples in `start...end`, sorted.
    func series(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Labels]

    /// The sorted label names used by series matching the matchers (all series when `matchers` is empty).
    func labelNames(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [String]

    /// The sorted values of label `name` among series matching the matchers (all series when empty).
    func labelValues(_ name: String, matchers: [Matcher], start: Int64, end: Int64) throws -> [String]
}

extension SeriesQuerier {
    /// Label sets of matching series; see `SeriesQuerier.series(_:start:end:)`.
    public func series(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Labels] {
        try select(matchers, start: start, end: end).map(\.labels)
    }

    /// Label names; see `SeriesQuerier.labelNames(_:start:end:)`.
    public func labelNames(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [String] {
        var names = Set<String>()
        for labels in try series(matchers, start: start, end: end) {
            for label in labels { names.insert(label.name) }
        }
        return names.sorted()
    }

    /// Label values; see `SeriesQuerier.labelValues(_:matchers:start:end:)`.
    public func labelValues(_ name: String, matchers: [Matcher], start: Int64, end: Int64) throws -> [String] {
        var values = Set<String>()
        for labels in try series(matchers, start: start, end: end) {
            if let value = labels[name] { values.insert(value) }
        }
        return values.sorted()
    }
}
