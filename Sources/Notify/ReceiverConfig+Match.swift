extension ReceiverConfig {
    /// Whether `labels` has every `match` value (a missing label counts as empty, as in Alertmanager's matchers).
    public func matches(_ labels: [String: String]) -> Bool {
        match.allSatisfy { (labels[$0.key] ?? "") == $0.value }
    }
}
