import Foundation
import TimeSeries

/// The bounded queue between callers and the writer thread. Callers block until their request is done.
final class AppendQueue: @unchecked Sendable {
    // @unchecked: all fields are guarded by `condition`; a request's outcome is handed over by its semaphore.
    private let condition = NSCondition()
    private var pending: [WriteRequest] = []
    private var queuedSamples = 0
    private var closing = false
    private let maxQueuedSamples: Int
    private let maxSamplesPerTake: Int

    /// - Parameters:
    ///   - maxQueuedSamples: samples that may wait; beyond it `submit` fails with `.overloaded`.
    ///   - maxSamplesPerTake: `take` hands out requests in queue order until adding the next would pass this many
    ///     samples (always at least one request).
    init(maxQueuedSamples: Int, maxSamplesPerTake: Int = .max) {
        self.maxQueuedSamples = maxQueuedSamples
        self.maxSamplesPerTake = maxSamplesPerTake
    }

    /// Enqueues a request and waits for the writer to complete it.
    func submit(_ request: WriteRequest) throws(StoreError) -> AppendResult {
        try enqueue(request)
        // Each caller sleeps on its own semaphore, so finishing one request wakes exactly its caller.
        request.done.wait()
        return try request.outcome!.get()
    }

    private func enqueue(_ request: WriteRequest) throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        guard !closing else { throw StoreError(.closed, "the store is closed") }
        let samples = request.sampleCount
        if samples > 0, queuedSamples > 0, queuedSamples + samples > maxQueuedSamples {
            throw StoreError(.overloaded, "append queue is full (\(queuedSamples) samples waiting); retry later")
        }
        pending.append(request)
        queuedSamples += samples
        condition.signal()  // only the writer waits on the condition
    }

    /// Waits until work is queued, the queue closes, or `deadline` passes; then takes what is queued, in order, up
    /// to `maxSamplesPerTake` samples (at least one request).
    ///
    /// - Returns: the requests and whether the queue is closing.
    func take(until deadline: Date) -> (requests: [WriteRequest], closing: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty, !closing, Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        var count = 0
        var samples = 0
        while count < pending.count, count == 0 || samples + pending[count].sampleCount <= maxSamplesPerTake {
            samples += pending[count].sampleCount
            count += 1
        }
        let requests = Array(pending[..<count])
        pending.removeFirst(count)
        queuedSamples -= samples
        return (requests, closing)
    }

    /// Publishes the outcomes of finished requests and wakes their callers.
    func complete(_ requests: [WriteRequest], _ outcomes: [Result<AppendResult, StoreError>]) {
        for (request, outcome) in zip(requests, outcomes) {
            request.outcome = outcome
            request.done.signal()
        }
    }

    /// Refuses new requests and wakes the writer so it drains what is queued and stops.
    func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
    }

    /// Samples waiting for the writer.
    var waitingSamples: Int {
        condition.lock()
        defer { condition.unlock() }
        return queuedSamples
    }

    var isClosing: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closing
    }
}
