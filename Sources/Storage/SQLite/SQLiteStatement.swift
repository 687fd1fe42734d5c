internal import CSQLite

/// A prepared SQL statement. Finalized when released.
///
/// Wraps `sqlite3_stmt`. Not thread-safe: it belongs to its connection's thread of use.
public final class SQLiteStatement {
    private(set) var handle: OpaquePointer
    private var finalized = false
    /// The SQL text it was prepared from.
    public let sql: String
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, flags, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw connection.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    deinit {
        if !finalized { sqlite3_finalize(handle) }
    }

    /// Releases SQLite's resources now; the statement must not be used afterwards. Wraps `sqlite3_finalize`.
    func finalize() {
        guard !finalized else { return }
        finalized = true
        sqlite3_finalize(handle)
    }

    // MARK: - Binding (1-based indexes, as SQLite's)

    /// Binds an integer. Wraps `sqlite3_bind_int64`.
    public func bind(_ value: Int64, at index: Int32) {
        check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a float. Wraps `sqlite3_bind_double`.
    public func bind(_ value: Double, at index: Int32) {
        check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text, copied. Wraps `sqlite3_bind_text`.
    public func bind(_ value: String, at index: Int32) {
        check(sqlite3_bind_text(handle, index, value, -1, leakwatch_sqlite_transient()))
    }

    /// Binds a blob, copied. Wraps `sqlite3_bind_blob`.
    public func bind(_ bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { raw in
            // A zero-length blob needs a non-nil pointer or SQLite stores NULL.
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            check(sqlite3_bind_blob(handle, index, base, Int32(raw.count), leakwatch_sqlite_transient()))
        }
    }

    /// Binds SQL NULL.
    public func bindNull(at index: Int32) {
        check(sqlite3_bind_null(handle, index))
    }

    private func check(_ code: Int32) {
        // A failed bind is a programming error (bad index, statement in use), as GRDB treats it.
        precondition(code == SQLITE_OK, "SQLite bind failed (\(code)) for [\(sql)]")
    }

    // MARK: - Stepping

    /// Advances to the next row. Returns true when a row is available, false when done.
    ///
    /// Wraps `sqlite3_step`.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets the statement for re-execution and clears its bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs the statement to completion (for statements that return no rows), then resets it.
    public func run() throws(SQLiteError) {
        defer { reset() }
        while try step() {}
    }

    // MARK: - Columns (0-based indexes, as SQLite's)

    /// Whether the column of the current row is NULL.
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column as an integer. Wraps `sqlite3_column_int64`.
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The column as a float. Wraps `sqlite3_column_double`.
    public func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as text ("" for NULL). Wraps `sqlite3_column_text`.
    public func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let length = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// Calls `body` with the column's bytes, valid only during the call. Wraps `sqlite3_column_blob`.
    public func withBlob<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let pointer = sqlite3_column_blob(handle, column)
        let length = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : length))
    }

    /// The column as a byte array.
    public func blob(_ column: Int32) -> [UInt8] {
        withBlob(column) { Array($0) }
    }
}

@available(*, unavailable, message: "A statement belongs to one connection and one thread at a time.")
extension SQLiteStatement: Sendable {}
