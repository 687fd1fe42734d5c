/// The state of an alert, or of an alerting rule as a whole (the highest state of its alerts).
///
/// Ordered like Prometheus's `AlertState`: `unknown < inactive < pending < firing`.
public enum AlertState: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A rule that has not been evaluated yet (never the state of an alert).
    case unknown
    /// Resolved: the alert was firing and no longer is (kept for 15 minutes so it can be reported resolved).
    case inactive
    /// Active for less than the rule's `for` duration.
    case pending
    /// Active for at least the rule's `for` duration (or kept firing by `keep_firing_for`).
    case firing

    private var rank: Int {
        switch self {
        case .unknown: 0
        case .inactive: 1
        case .pending: 2
        case .firing: 3
        }
    }

    /// Whether the left state ranks lower.
    public static func < (lhs: AlertState, rhs: AlertState) -> Bool { lhs.rank < rhs.rank }
}
