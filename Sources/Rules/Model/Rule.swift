/// One rule of a group.
public enum Rule: Sendable, Hashable {
    /// An alerting rule.
    case alerting(AlertingRule)
    /// A recording rule.
    case recording(RecordingRule)

    /// The alert name or the recorded metric name.
    public var name: String {
        switch self {
        case .alerting(let rule): rule.name
        case .recording(let rule): rule.name
        }
    }
}
