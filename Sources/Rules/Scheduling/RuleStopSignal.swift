import Foundation

/// A one-way signal that tells rule-group threads to stop: sleeping threads wake up at once.
public final class RuleStopSignal: Sendable {
    private let stopped = ConditionLock(false)

    /// Creates a signal that has not fired.
    public init() {}

    /// Fires the signal.
    public func stop() {
        stopped.update { $0 = true }
    }

    /// Whether the signal has fired.
    public var isStopped: Bool { stopped.read { $0 } }

    /// Blocks until the signal fires or `milliseconds` pass; returns whether it fired.
    public func wait(milliseconds: Int64) -> Bool {
        stopped.wait(until: { $0 }, deadline: Date(timeIntervalSinceNow: Double(milliseconds) / 1000))
    }
}
