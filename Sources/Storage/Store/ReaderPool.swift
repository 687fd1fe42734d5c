import Synchronization

/// Read-only SQLite connections for concurrent queries (WAL lets them read while the writer commits).
final class ReaderPool: Sendable {
    /// One connection; only the borrower that took it out of the pool touches it.
    private final class Entry: @unchecked Sendable {
        // @unchecked: an entry is either in the pool (untouched) or held by exactly one borrower.
        let connection: SQLiteConnection
        init(_ connection: SQLiteConnection) { self.connection = connection }
    }

    private let idle = Mutex<[Entry]>([])
    private let path: String
    private let keep: Int
    private let cacheSizeKiB: Int

    init(path: String, keep: Int, cacheSizeKiB: Int) {
        self.path = path
        self.keep = keep
        self.cacheSizeKiB = cacheSizeKiB
    }

    /// Runs `body` with a read connection, opening one when none is idle.
    func withConnection<R>(_ body: (SQLiteConnection) throws -> R) throws -> R {
        let entry: Entry
        if let reused = idle.withLock({ $0.popLast() }) {
            entry = reused
        } else {
            let connection = try SQLiteConnection(path: path, mode: .readOnly)
            try connection.execute("PRAGMA cache_size = -\(cacheSizeKiB); PRAGMA temp_store = MEMORY")
            entry = Entry(connection)
        }
        defer {
            idle.withLock { pool in
                if pool.count < keep { pool.append(entry) }
            }
        }
        return try body(entry.connection)
    }

    /// Closes idle connections.
    func close() {
        let entries = idle.withLock { pool -> [Entry] in
            defer { pool.removeAll() }
            return pool
        }
        for entry in entries { try? entry.connection.close() }
    }
}
