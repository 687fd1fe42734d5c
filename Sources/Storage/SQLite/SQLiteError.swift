internal import CSQLite

/// An error reported by SQLite: its extended result code, its message and the statement that failed.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite's extended result code (e.g. 2067 for `SQLITE_CONSTRAINT_UNIQUE`).
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`), or a description of what the wrapper was doing.
    public let message: String
    /// The SQL text that failed, when there is one.
    public let sql: String?

    /// Creates an error.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low 8 bits), e.g. `SQLITE_BUSY` for `SQLITE_BUSY_SNAPSHOT`.
    public var primaryCode: Int32 { code & 0xff }

    /// Whether the database file is locked by another connection or process.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// Whether the disk or the database is full.
    public var isFull: Bool { primaryCode == SQLITE_FULL }

    /// Whether SQLite found the file damaged.
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// A readable form for logs and messages.
    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        if let sql { return "SQLite error \(code) (\(name)): \(message) [\(sql)]" }
        return "SQLite error \(code) (\(name)): \(message)"
    }
}
