/// A rule as decoded from YAML, before validation (rulefmt's `Rule`, with the positions of its `RuleNode`).
struct RawRule {
    var record = ""
    var alert = ""
    var expr = ""
    /// Where the `record`, `alert` and `expr` values are; 0:0 when the key is absent, as Go's zero `yaml.Node`.
    var recordPosition = SourceLocation(line: 0, column: 0)
    var alertPosition = SourceLocation(line: 0, column: 0)
    var exprPosition = SourceLocation(line: 0, column: 0)
    /// `for`, ms.
    var holdDuration: Int64 = 0
    /// `keep_firing_for`, ms.
    var keepFiringFor: Int64 = 0
    /// Labels and annotations in the order they were decoded.
    var labels: [(name: String, value: String)] = []
    var annotations: [(name: String, value: String)] = []
    /// The rule's mapping in the file.
    var location = SourceLocation(line: 0, column: 0)
}
