import Synchronization

/// The way into the event loop from other threads: worker results and the shutdown request, signalled through an
/// eventfd the loop watches.
final class Mailbox: Sendable {
    private struct State {
        var results: [WorkResult] = []
        var shutdownDeadline: ContinuousClock.Instant?
        var closed = false
    }

    /// The eventfd, registered in the loop's epoll set.
    let descriptor: Int32
    private let state = Locked(State())
    /// Whether a wakeup is already signalled and not yet taken (coalesces eventfd writes).
    private let wakePending = Atomic<Bool>(false)

    /// Creates the mailbox and its eventfd.
    init() throws(SocketError) {
        descriptor = try Syscall.eventCreate()
    }

    /// Hands a worker's result to the loop. Dropped once the mailbox is closed.
    func post(_ result: WorkResult) {
        state.withLock { state in
            guard !state.closed else { return }
            state.results.append(result)
            wake()
        }
    }

    /// Asks the loop to shut down gracefully by `deadline`.
    func requestShutdown(by deadline: ContinuousClock.Instant) {
        state.withLock { state in
            guard !state.closed else { return }
            state.shutdownDeadline = deadline
            wake()
        }
    }

    /// Takes everything posted since the last call (the loop calls this when the eventfd is readable).
    func take() -> (results: [WorkResult], shutdownDeadline: ContinuousClock.Instant?) {
        Syscall.eventDrain(descriptor)
        wakePending.store(false, ordering: .sequentiallyConsistent)
        return state.withLock { state in
            var results: [WorkResult] = []
            swap(&results, &state.results)
            return (results, state.shutdownDeadline)
        }
    }

    /// Closes the eventfd; later posts are dropped.
    func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            state.results = []
            Syscall.close(descriptor)
        }
    }

    /// Signals the eventfd unless a wakeup is already pending. Called with the lock held, so never after `close`.
    private func wake() {
        if !wakePending.exchange(true, ordering: .sequentiallyConsistent) {
            Syscall.eventSignal(descriptor)
        }
    }
}
