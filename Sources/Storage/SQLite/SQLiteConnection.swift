internal import CSQLite

/// A connection to one SQLite database file, with a cache of prepared statements.
///
/// Wraps `sqlite3`. Not Sendable: the owner serializes access (one thread at a time), so SQLite runs in its
/// multi-thread mode without its own mutexes. Close it explicitly; `deinit` falls back to `sqlite3_close_v2`.
public final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    private var cache: [String: SQLiteStatement] = [:]
    /// The database file path.
    public let path: String

    /// How to open the file.
    public enum Mode: Sendable {
        /// Read and write, creating the file when missing.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only.
        case readOnly
    }

    /// Opens (or creates) the database at `path`.
    ///
    /// Wraps `sqlite3_open_v2` with `SQLITE_OPEN_NOMUTEX`.
    /// - Parameters:
    ///   - path: the file path.
    ///   - mode: read-write-create (default), read-write or read-only.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's lock before failing.
    /// - Throws: `SQLiteError` when the file cannot be opened.
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLiteError)
    {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            // sqlite3_open_v2 may allocate a handle even on failure; it must still be closed.
            sqlite3_close_v2(connection)
            throw SQLiteError(code: code, message: message)
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
    }

    deinit {
        if handle != nil {
            cache.removeAll()
            sqlite3_close_v2(handle)
        }
    }

    /// Finalizes cached statements and closes the connection. Wraps `sqlite3_close`.
    ///
    /// A statement from `prepare(_:)` that is still referenced keeps the connection open: close fails with
    /// `SQLITE_BUSY` until it is released.
    public func close() throws(SQLiteError) {
        guard let handle else { return }
        for statement in cache.values { statement.finalize() }
        cache.removeAll()
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else { throw error(code: code, sql: nil) }
        self.handle = nil
    }

    func error(code: Int32, sql: String?) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(code: code, message: message, sql: sql)
    }

    private func openHandle(_ sql: String?) throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "connection is closed", sql: sql) }
        return handle
    }

    // MARK: - Executing

    /// Runs one or more SQL statements that return no rows. Wraps `sqlite3_exec`.
    public func execute(_ sql: String) throws(SQLiteError) {
        let handle = try openHandle(sql)
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, from the cache when it was prepared before.
    ///
    /// The statement is reset and its bindings cleared. Wraps `sqlite3_prepare_v3` with `SQLITE_PREPARE_PERSISTENT`.
    public func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        _ = try openHandle(sql)
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        let statement = try SQLiteStatement(connection: self, sql: sql, persistent: true)
        cache[sql] = statement
        return statement
    }

    /// Prepares a statement outside the cache (for one-off SQL).
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        _ = try openHandle(sql)
        return try SQLiteStatement(connection: self, sql: sql, persistent: false)
    }

    /// The first column of the first row of `sql` as an integer, or nil when there is no row.
    public func scalarInt(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(0) : nil
    }

    /// The first column of the first row of `sql` as text, or nil when there is no row.
    public func scalarString(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.string(0) : nil
    }

    /// The rowid of the last inserted row. Wraps `sqlite3_last_insert_rowid`.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the last statement. Wraps `sqlite3_changes64`.
    public var changes: Int64 {
        handle.map { sqlite3_changes64($0) } ?? 0
    }

    /// Whether a transaction is open. Wraps `sqlite3_get_autocommit`.
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }
}

@available(*, unavailable, message: "Serialize access to a connection on one thread or behind a lock.")
extension SQLiteConnection: Sendable {}

extension SQLiteConnection {
    /// Bytes of memory SQLite currently holds across the process (page caches, statements). Wraps
    /// `sqlite3_memory_used`.
    public static var processMemoryUsed: Int64 {
        sqlite3_memory_used()
    }

    /// The SQLite library version, e.g. `3.40.1`. Wraps `sqlite3_libversion`.
    public static var libraryVersion: String {
        String(cString: sqlite3_libversion())
    }
}
