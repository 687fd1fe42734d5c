import Foundation

/// A clock that only moves when told to, for tests: sleeping threads wake when `advance` passes their deadline.
///
/// `waitForSleepers(_:)` lets a test wait until the scheduler's threads have finished their work and are asleep
/// again, so each step of a schedule can be checked deterministically.
public final class ManualRuleClock: RuleClock {
    private struct State {
        var now: Int64
        var deadlines: [Int: Int64] = [:]
        var nextSleeper = 0

        /// Sleepers whose deadline has not come yet.
        var blocked: Int { deadlines.values.count { $0 > now } }
    }

    private let state: ConditionLock<State>

    /// Creates a clock showing `now` (ms since the epoch).
    public init(now: Int64) {
        state = ConditionLock(State(now: now))
    }

    /// The clock's time.
    public func now() -> Int64 {
        state.read(\.now)
    }

    /// Blocks until the clock is advanced to `deadline` or `stop` fires.
    public func sleep(until deadline: Int64, unlessStopped stop: RuleStopSignal) -> Bool {
        let id = state.update { state in
            state.nextSleeper += 1
            state.deadlines[state.nextSleeper] = deadline
            return state.nextSleeper
        }
        defer { state.update { _ = $0.deadlines.removeValue(forKey: id) } }
        while !stop.isStopped {
            // Short waits so a stop signal (which does not know this clock) is noticed promptly.
            if state.wait(until: { $0.now >= deadline }, deadline: Date(timeIntervalSinceNow: 0.002)) {
                return !stop.isStopped
            }
        }
        return false
    }

    /// Moves the clock to `time` (never backwards) and wakes the sleepers whose deadline has come.
    public func advance(to time: Int64) {
        state.update { $0.now = max($0.now, time) }
    }

    /// Moves the clock forward by `milliseconds`.
    public func advance(by milliseconds: Int64) {
        state.update { $0.now += milliseconds }
    }

    /// Waits until at least `count` threads sleep toward a deadline still ahead of the clock.
    ///
    /// - Returns: false when that did not happen within `timeout` seconds.
    @discardableResult
    public func waitForSleepers(_ count: Int, timeout: Double = 10) -> Bool {
        state.wait(until: { $0.blocked >= count }, deadline: Date(timeIntervalSinceNow: timeout))
    }

    /// The deadlines of the threads sleeping now, ascending.
    public var sleepingUntil: [Int64] {
        state.read { $0.deadlines.values.sorted() }
    }
}
