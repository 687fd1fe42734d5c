/// The system's wall clock.
public struct SystemRuleClock: RuleClock {
    /// Creates the clock.
    public init() {}

    /// The system time, ms since the Unix epoch.
    public func now() -> Int64 {
        RuleEvaluationEnvironment.systemTime()
    }

    /// Sleeps until the deadline, waking early only when `stop` fires.
    public func sleep(until deadline: Int64, unlessStopped stop: RuleStopSignal) -> Bool {
        while true {
            if stop.isStopped { return false }
            let remaining = deadline - now()
            if remaining <= 0 { return true }
            if stop.wait(milliseconds: remaining) { return false }
        }
    }
}
