/// What an alert's label and annotation templates see: Prometheus's `.Labels`, `.Value`, `.ExternalLabels`,
/// `.ExternalURL` (also as `$labels`, `$value`, `$externalLabels`, `$externalURL`), plus the evaluation time for
/// `now` and a query function for `query`.
public struct AlertTemplateContext: Sendable {
    /// The alert's sample labels (may include `__name__`).
    public var labels: [String: String]
    /// The sample value.
    public var value: Double
    /// The server's external labels.
    public var externalLabels: [String: String]
    /// The server's external URL.
    public var externalURL: String
    /// The rule evaluation time, ms since the epoch (`now` returns it in seconds).
    public var evaluationTime: Int64
    /// Runs a PromQL instant query at the evaluation time for the `query` function; nil when queries are not
    /// available (the function then fails with an error).
    public var query: (@Sendable (String) throws -> [TemplateQuerySample])?

    /// Creates a context.
    public init(
        labels: [String: String], value: Double, externalLabels: [String: String] = [:], externalURL: String = "",
        evaluationTime: Int64 = 0, query: (@Sendable (String) throws -> [TemplateQuerySample])? = nil
    ) {
        self.labels = labels
        self.value = value
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.evaluationTime = evaluationTime
        self.query = query
    }
}

/// One sample of a `query` result inside a template (`.Labels`, `.Value`).
public struct TemplateQuerySample: Sendable, Hashable {
    /// The sample labels.
    public var labels: [String: String]
    /// The value.
    public var value: Double

    /// Creates a sample.
    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }
}
