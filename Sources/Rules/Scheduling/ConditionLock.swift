import Foundation

/// A value guarded by a condition variable: threads change it under the lock and wait for it to reach a state.
final class ConditionLock<State: Sendable>: @unchecked Sendable {
    // @unchecked: `state` is only read or written while `condition` is locked.
    private let condition = NSCondition()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    /// Runs `body` on the state under the lock and wakes every waiter.
    @discardableResult
    func update<Result>(_ body: (inout State) -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body(&state)
    }

    /// Reads the state under the lock.
    func read<Result>(_ body: (State) -> Result) -> Result {
        condition.lock()
        defer { condition.unlock() }
        return body(state)
    }

    /// Waits until `predicate` holds or `deadline` (if any) passes; returns whether it holds.
    func wait(until predicate: (State) -> Bool, deadline: Date? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !predicate(state) {
            if let deadline {
                if !condition.wait(until: deadline) { return predicate(state) }
            } else {
                condition.wait()
            }
        }
        return true
    }
}
