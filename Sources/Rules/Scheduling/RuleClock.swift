/// The time source and sleep of rule scheduling, injectable so tests run without waiting.
public protocol RuleClock: Sendable {
    /// The current wall-clock time, ms since the Unix epoch.
    func now() -> Int64

    /// Blocks the calling thread until `now() >= deadline` or `stop` fires.
    ///
    /// - Returns: true when the deadline was reached, false when stopped.
    func sleep(until deadline: Int64, unlessStopped stop: RuleStopSignal) -> Bool
}
