/// A rule group as decoded from YAML, before validation (rulefmt's `RuleGroup`).
struct RawRuleGroup {
    var name = ""
    /// `interval`, ms (0 when absent).
    var interval: Int64 = 0
    /// `query_offset`, ms; nil when absent.
    var queryOffset: Int64?
    var limit = 0
    /// Group labels in the order they were decoded.
    var labels: [(name: String, value: String)] = []
    var rules: [RawRule] = []
    /// The group's mapping in the file.
    var location = SourceLocation(line: 0, column: 0)
}
