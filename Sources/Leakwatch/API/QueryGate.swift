import Synchronization

/// Caps how many queries run at once (Prometheus's `--query.max-concurrency`); a request beyond the cap is refused
/// at once instead of waiting, so queries cannot take every worker thread from ingest.
final class QueryGate: Sendable {
    /// The most queries that may run at once.
    let limit: Int
    private let state = Mutex(State())

    private struct State {
        var running = 0
        var rejected = 0
    }

    /// Creates a gate admitting `limit` (at least 1) queries at once.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` when a slot is free and returns its result.
    ///
    /// - Throws: `APIError` of kind `.unavailable` (503) at once when every slot is taken, or what `body` throws.
    func run<T>(_ body: () throws(APIError) -> T) throws(APIError) -> T {
        let admitted = state.withLock { state in
            guard state.running < limit else {
                state.rejected += 1
                return false
            }
            state.running += 1
            return true
        }
        guard admitted else {
            throw APIError(.unavailable, "too many concurrent queries (at most \(limit)), retry later")
        }
        defer { state.withLock { $0.running -= 1 } }
        return try body()
    }

    /// Queries running now.
    var running: Int { state.withLock { $0.running } }

    /// Queries refused so far because the gate was full.
    var rejected: Int { state.withLock { $0.rejected } }
}
