import Synchronization

/// Lets one log line through per interval and counts the ones held back, so a misbehaving client cannot flood the
/// log while every failure still shows up (as a count) in the next line.
final class LogThrottle: Sendable {
    private struct State {
        var last: ContinuousClock.Instant?
        var suppressed = 0
    }

    private let state = Mutex(State())
    private let interval: Duration

    init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// Calls `emit` with the number of lines held back since the last one, or counts this one as held back.
    func log(_ emit: (_ suppressed: Int) -> Void) {
        let now = ContinuousClock.now
        let suppressed: Int? = state.withLock { state in
            if let last = state.last, now - last < interval {
                state.suppressed += 1
                return nil
            }
            defer {
                state.last = now
                state.suppressed = 0
            }
            return state.suppressed
        }
        if let suppressed { emit(suppressed) }
    }
}
