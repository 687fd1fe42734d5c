public import TimeSeries

/// One instance of an alerting rule: the alert for one label set of the rule's result.
///
/// Times are milliseconds since the Unix epoch; they are the rule group's scheduled evaluation times (not the query
/// time, which `query_offset` shifts), except `activeAt` after a `for`-state restore. Optional times are Prometheus's
/// zero times.
public struct Alert: Sendable, Equatable {
    /// `pending`, `firing` or `inactive` (resolved).
    public var state: AlertState
    /// The identifying labels: the result sample's labels without `__name__`, the rule's expanded labels and
    /// `alertname`.
    public var labels: Labels
    /// The expanded annotations (empty values kept).
    public var annotations: [String: String]
    /// The sample value at the last evaluation that returned this label set.
    public var value: Double
    /// When the alert became pending.
    public var activeAt: Int64
    /// When it started firing.
    public var firedAt: Int64?
    /// When it was resolved (set only for `inactive` alerts).
    public var resolvedAt: Int64?
    /// When it was last handed out for sending.
    public var lastSentAt: Int64?
    /// Until when the last sent copy is valid (Alertmanager's `endsAt` for a firing alert).
    public var validUntil: Int64?
    /// Since when it is kept firing by `keep_firing_for` although the expression no longer returns it.
    public var keepFiringSince: Int64?

    /// Creates an alert.
    public init(
        state: AlertState, labels: Labels, annotations: [String: String], value: Double, activeAt: Int64,
        firedAt: Int64? = nil, resolvedAt: Int64? = nil, lastSentAt: Int64? = nil, validUntil: Int64? = nil,
        keepFiringSince: Int64? = nil
    ) {
        self.state = state
        self.labels = labels
        self.annotations = annotations
        self.value = value
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.lastSentAt = lastSentAt
        self.validUntil = validUntil
        self.keepFiringSince = keepFiringSince
    }

    /// Whether the alert must be (re)sent at `time` (Prometheus's `needsSending`): pending alerts never; an alert
    /// resolved since it was last sent always; otherwise when the last send is more than `resendDelay` ago.
    public func needsSending(at time: Int64, resendDelay: Int64) -> Bool {
        if state == .pending { return false }
        if let resolvedAt, resolvedAt > (lastSentAt ?? Int64.min) { return true }
        guard let lastSentAt else { return true }
        return lastSentAt + resendDelay < time
    }
}
