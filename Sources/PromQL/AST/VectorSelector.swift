public import TimeSeries

/// An instant vector selector such as `http_requests_total{job="api"} offset 5m @ 1700000000`.
public struct VectorSelector: Sendable, Hashable {
    /// A number unique among the selectors of one parsed expression (0, 1, 2, … in source order), so the engine can
    /// load each selector's series once per query.
    public var id: Int
    /// The metric name written before the braces, if any (also present in `matchers` as `__name__="…"`).
    public var name: String?
    /// All matchers, the name matcher first when a name was written.
    public var matchers: [Matcher]
    /// The `offset` in milliseconds (negative allowed); 0 when absent.
    public var offset: Int64
    /// The `@` modifier, if any.
    public var at: AtModifier?
    /// Where the selector is in the source (without the range, offset and `@`).
    public var position: PositionRange

    /// Creates a selector.
    public init(
        id: Int, name: String?, matchers: [Matcher], offset: Int64 = 0, at: AtModifier? = nil,
        position: PositionRange
    ) {
        self.id = id
        self.name = name
        self.matchers = matchers
        self.offset = offset
        self.at = at
        self.position = position
    }
}
