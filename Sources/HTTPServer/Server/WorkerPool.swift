import Dispatch
import Logging

/// A fixed set of threads answering requests from a bounded queue.
final class WorkerPool: Sendable {
    private struct State {
        var queue: BoundedQueue<WorkItem>
        var stopping = false
    }

    /// One thread and the semaphore it signals when it ends.
    private struct Worker: Sendable {
        let thread: PosixThread
        let finished: DispatchSemaphore
    }

    private let state: Locked<State>
    /// One signal per queued item, plus one per worker at stop.
    private let ready = DispatchSemaphore(value: 0)
    private let workers = Locked<[Worker]>([])

    /// Creates an empty pool whose queue holds at most `capacity` waiting requests.
    init(capacity: Int) {
        state = Locked(State(queue: BoundedQueue(capacity: capacity)))
    }

    /// Starts `count` threads that answer requests with `processor` and post results to `mailbox`.
    func start(count: Int, processor: RequestProcessor, mailbox: Mailbox) throws(SocketError) {
        for _ in 0..<count {
            let finished = DispatchSemaphore(value: 0)
            let thread = try PosixThread.spawn { [self] in
                run(processor, mailbox)
                finished.signal()
            }
            workers.withLock { $0.append(Worker(thread: thread, finished: finished)) }
        }
    }

    /// Queues a request; `false` when the queue is full or the pool is stopping (answer 503).
    func submit(_ item: WorkItem) -> Bool {
        let queued = state.withLock { state in
            !state.stopping && state.queue.append(item)
        }
        if queued { ready.signal() }
        return queued
    }

    /// Lets the workers finish what is queued, then waits for them until `deadline`; workers still busy then
    /// (a handler that does not return) are detached and logged.
    func stop(deadline: ContinuousClock.Instant, logger: Logger) {
        let alreadyStopping = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !alreadyStopping else { return }
        let workers = workers.withLock { $0 }
        for _ in workers { ready.signal() }
        for worker in workers {
            let remaining = max(.zero, deadline - .now)
            let (seconds, attoseconds) = remaining.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            if worker.finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success {
                worker.thread.join()
            } else {
                worker.thread.detach()
                logger.warning("HTTP worker still running a handler after the shutdown timeout; detached it")
            }
        }
    }

    private func run(_ processor: RequestProcessor, _ mailbox: Mailbox) {
        while true {
            ready.wait()
            let next = state.withLock { state in (state.queue.popFirst(), state.stopping) }
            guard let item = next.0 else {
                if next.1 { return }
                continue
            }
            mailbox.post(processor.process(item))
        }
    }
}
