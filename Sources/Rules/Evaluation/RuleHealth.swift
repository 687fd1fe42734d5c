/// How a rule's last evaluation went, as Prometheus's API reports it (`health`).
public enum RuleHealth: String, Sendable, Hashable, CaseIterable {
    /// Not evaluated yet.
    case unknown
    /// The last evaluation succeeded.
    case ok
    /// The last evaluation failed; the rule's `lastError` says why.
    case err
}
