import Dispatch
import Synchronization

/// Returns the heap memory queries freed to the kernel once enough samples were read since the last time.
///
/// A query over many series allocates tens of megabytes of samples and frees them when it answers; glibc keeps the
/// freed pages in its arenas, so without this the resident size stays at the peak of the largest queries. Trimming
/// costs a few milliseconds and the next query faults the pages back in, so it runs off the request path on a
/// background queue, at most one at a time, and only after `threshold` samples were read (by queries of any
/// thread) since the previous one.
final class MemoryReclaimer: Sendable {
    private struct State {
        /// `samplesRead()` when the last release was started.
        var readAtLastRelease = 0
        /// A release is queued or running.
        var pending = false
        /// Releases started so far.
        var releases = 0
    }

    /// Samples read between releases (1M samples are 16 MB of sample arrays).
    static let defaultThreshold = 1_000_000

    private let threshold: Int
    private let samplesRead: @Sendable () -> Int
    private let release: @Sendable () -> Void
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "leakwatch.memory-reclaimer", qos: .utility)

    /// Creates a reclaimer that calls `release` once `samplesRead()` (a running total) has grown by `threshold`.
    init(
        threshold: Int = MemoryReclaimer.defaultThreshold, samplesRead: @escaping @Sendable () -> Int,
        release: @escaping @Sendable () -> Void = { ProcessMemory.releaseFreeMemory() }
    ) {
        self.threshold = max(1, threshold)
        self.samplesRead = samplesRead
        self.release = release
    }

    /// Called when a query has answered: queues a release when one is due and none is pending.
    func queryFinished() {
        let read = samplesRead()
        let due = state.withLock { state in
            guard !state.pending, read - state.readAtLastRelease >= threshold else { return false }
            state.pending = true
            state.readAtLastRelease = read
            state.releases += 1
            return true
        }
        guard due else { return }
        queue.async {
            self.release()
            self.state.withLock { $0.pending = false }
        }
    }

    /// Releases started so far.
    var releases: Int { state.withLock { $0.releases } }

    /// Waits until queued releases have run.
    func waitForPendingRelease() {
        queue.sync {}
    }
}
