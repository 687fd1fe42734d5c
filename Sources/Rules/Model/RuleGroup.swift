/// A rule group: rules evaluated in order at the same timestamp, every `interval`.
public struct RuleGroup: Sendable, Hashable {
    /// The group name (unique within its file).
    public var name: String
    /// The evaluation interval in ms; nil means the global evaluation interval.
    public var interval: Int64?
    /// The most alerts or series one rule may produce (0: no limit).
    public var limit: Int
    /// How far into the past queries are shifted, ms; nil means the global default (0).
    public var queryOffset: Int64?
    /// Labels added to every rule's output (rule labels win).
    public var labels: [String: String]
    /// The rules in order.
    public var rules: [Rule]
    /// Where the group starts in its file.
    public var location: SourceLocation

    /// Creates a group.
    public init(
        name: String, interval: Int64? = nil, limit: Int = 0, queryOffset: Int64? = nil,
        labels: [String: String] = [:], rules: [Rule], location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.name = name
        self.interval = interval
        self.limit = limit
        self.queryOffset = queryOffset
        self.labels = labels
        self.rules = rules
        self.location = location
    }
}
