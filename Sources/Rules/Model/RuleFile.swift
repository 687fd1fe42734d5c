/// A parsed and validated Prometheus rule file.
public struct RuleFile: Sendable, Hashable {
    /// The path it was read from (as given).
    public var path: String
    /// The groups in file order.
    public var groups: [RuleGroup]

    /// Creates a rule file.
    public init(path: String, groups: [RuleGroup]) {
        self.path = path
        self.groups = groups
    }
}
