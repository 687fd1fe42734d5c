#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reader-writer lock over `pthread_rwlock_t`: queries read the head concurrently, the writer thread mutates it.
final class ReadWriteLock: @unchecked Sendable {
    // @unchecked: the pthread lock is the synchronization primitive itself; its storage never moves.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
            // Prefer the writer so a stream of queries cannot starve ingest.
            pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        let code = pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        precondition(code == 0, "pthread_rwlock_init failed: \(code)")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func withReadLock<R>(_ body: () throws -> R) rethrows -> R {
        let code = pthread_rwlock_rdlock(lock)
        precondition(code == 0, "pthread_rwlock_rdlock failed: \(code)")
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func withWriteLock<R>(_ body: () throws -> R) rethrows -> R {
        let code = pthread_rwlock_wrlock(lock)
        precondition(code == 0, "pthread_rwlock_wrlock failed: \(code)")
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
