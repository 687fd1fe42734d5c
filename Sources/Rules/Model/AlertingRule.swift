public import PromQL

/// An alerting rule as written (`alert`, `expr`, `for`, `keep_firing_for`, `labels`, `annotations`).
public struct AlertingRule: Sendable, Hashable {
    /// The alert name (`alertname` label).
    public var name: String
    /// The expression text as written.
    public var expression: String
    /// The parsed expression.
    public var expr: Expr
    /// `for`, ms: how long an alert stays pending before it fires.
    public var holdDuration: Int64
    /// `keep_firing_for`, ms.
    public var keepFiringFor: Int64
    /// The rule's own labels (templates, not yet expanded; group labels are not merged in).
    public var labels: [String: String]
    /// Annotation templates in file order.
    public var annotations: [(name: String, template: String)]
    /// Where the rule starts in its file.
    public var location: SourceLocation

    /// Creates an alerting rule.
    public init(
        name: String, expression: String, expr: Expr, holdDuration: Int64 = 0, keepFiringFor: Int64 = 0,
        labels: [String: String] = [:], annotations: [(name: String, template: String)] = [],
        location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.name = name
        self.expression = expression
        self.expr = expr
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
        self.location = location
    }

    /// Rules are equal when everything but the parsed expression's positions is equal.
    public static func == (lhs: AlertingRule, rhs: AlertingRule) -> Bool {
        lhs.name == rhs.name && lhs.expression == rhs.expression && lhs.holdDuration == rhs.holdDuration
            && lhs.keepFiringFor == rhs.keepFiringFor && lhs.labels == rhs.labels
            && lhs.annotations.elementsEqual(rhs.annotations, by: { $0 == $1 }) && lhs.location == rhs.location
    }

    /// Hashes the fields `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(expression)
        hasher.combine(holdDuration)
        hasher.combine(keepFiringFor)
        hasher.combine(labels)
        for annotation in annotations {
            hasher.combine(annotation.name)
            hasher.combine(annotation.template)
        }
        hasher.combine(location)
    }
}
