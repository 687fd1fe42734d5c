public import PromQL

/// A recording rule (`record`, `expr`, `labels`).
public struct RecordingRule: Sendable, Hashable {
    /// The metric name the results are stored under.
    public var name: String
    /// The expression text as written.
    public var expression: String
    /// The parsed expression.
    public var expr: Expr
    /// Labels set on every result (literal, no templates; group labels are not merged in).
    public var labels: [String: String]
    /// Where the rule starts in its file.
    public var location: SourceLocation

    /// Creates a recording rule.
    public init(
        name: String, expression: String, expr: Expr, labels: [String: String] = [:],
        location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.name = name
        self.expression = expression
        self.expr = expr
        self.labels = labels
        self.location = location
    }
}
