import Foundation
public import Logging
public import Notify
import Storage
import Synchronization

/// A durable `NotificationOutbox` in its own SQLite database, `<data_dir>/notifications.sqlite` (WAL, synchronous
/// NORMAL), so queued notifications, their attempts and dead letters survive a restart.
///
/// Same semantics as `InMemoryOutbox`: ids increase in enqueue order (never reused), `due` stops at a receiver's
/// first entry not yet due, and a receiver holding `capacity` entries drops its oldest on enqueue (counted and
/// logged). One connection behind a mutex; safe to call from any thread.
public final class SQLiteNotificationOutbox: NotificationOutbox, NotificationLogStore, Sendable {
    /// The version of the outbox tables this build writes (kept in `outbox_schema`, not in `PRAGMA user_version`,
    /// which belongs to the series store sharing the file).
    static let schemaVersion: Int64 = 2
    /// The database file inside the data directory: the store's own, so leakwatch stays one SQLite file.
    public static let fileName = StoreOptions(directory: "").fileName

    struct State {
        var connection: SQLiteConnection?
        /// Entries dropped per receiver since opening.
        var dropped: [String: Int] = [:]
        /// Receivers that have or had entries since opening (plus those with entries on disk).
        var known: Set<String> = []
    }

    /// What an enqueue stored and which entries it dropped to make room.
    private struct Enqueued: Sendable {
        var id: Int64
        var droppedIDs: [Int64] = []
        var droppedKeys: [String] = []
    }

    /// The database file.
    public let path: String
    private let capacity: Int
    private let deadLetterCapacity: Int
    private let logger: Logger
    private let clock: @Sendable () -> Int64
    private let state: Mutex<State>

    private static let entryColumns =
        "id, receiver, idempotency_key, created_at, url, headers, body, attempts, next_attempt_at, last_error"

    /// Opens (creating when missing) the outbox in `dataDirectory`.
    ///
    /// - Parameters:
    ///   - dataDirectory: the data directory; created when missing.
    ///   - capacity: most entries kept per receiver.
    ///   - deadLetterCapacity: most dead letters kept (oldest removed first).
    ///   - busyTimeoutMilliseconds: how long to wait for another connection's lock.
    ///   - logger: receives the warnings about dropped notifications.
    ///   - clock: the current time in ms, stamped on dead letters (the system clock when nil).
    /// - Throws: `NotificationOutboxError` when the file cannot be opened or comes from a newer version.
    public init(
        dataDirectory: String, capacity: Int = 10_000, deadLetterCapacity: Int = 10_000,
        busyTimeoutMilliseconds: Int32 = 5_000, logger: Logger = Logger(label: "leakwatch.notify.outbox"),
        clock: (@Sendable () -> Int64)? = nil
    ) throws(NotificationOutboxError) {
        let path = (dataDirectory as NSString).appendingPathComponent(Self.fileName)
        self.path = path
        self.capacity = max(1, capacity)
        self.deadLetterCapacity = max(1, deadLetterCapacity)
        self.logger = logger
        self.clock = clock ?? { Int64(Date().timeIntervalSince1970 * 1000) }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw NotificationOutboxError(
                .io, path: path, operation: "open", message: "cannot create \(dataDirectory): \(error)")
        }
        var initial = State()
        initial.connection = try Self.open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        state = Mutex(initial)
        try withState("open") { state, connection in
            let statement = try connection.cached("SELECT DISTINCT receiver FROM outbox")
            while try statement.step() { state.known.insert(statement.string(0)) }
        }
    }

    /// Closes the database; later calls throw `NotificationOutboxError` with code `.closed`.
    public func close() throws(NotificationOutboxError) {
        try withState("close") { state, connection in
            try connection.close()
            state.connection = nil
        }
    }

    // MARK: - NotificationOutbox

    /// See `NotificationOutbox.enqueue(_:)`.
    public func enqueue(_ notification: PreparedNotification) throws(NotificationOutboxError) -> Int64 {
        let capacity = capacity
        let enqueued = try withState("enqueue") { state, connection in
            let result = try connection.transaction { () throws -> Enqueued in
                let insert = try connection.cached(
                    """
                    INSERT INTO outbox (receiver, idempotency_key, created_at, url, headers, body, attempts,
                        next_attempt_at, last_error)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL)
                    """)
                insert.bind(notification.receiver, at: 1)
                insert.bind(notification.idempotencyKey, at: 2)
                insert.bind(notification.createdAt, at: 3)
                insert.bind(notification.url, at: 4)
                insert.bind(OutboxHeaderCodec.encode(notification.headers), at: 5)
                insert.bind(notification.body, at: 6)
                insert.bind(notification.createdAt, at: 7)
                try insert.run()
                let id = connection.lastInsertRowID
                let count = try connection.cached("SELECT COUNT(*) FROM outbox WHERE receiver = ?")
                count.bind(notification.receiver, at: 1)
                let queued = try count.step() ? count.int64(0) : 0
                count.reset()
                guard queued > Int64(capacity) else { return Enqueued(id: id) }
                let oldest = try connection.cached(
                    "SELECT id, idempotency_key FROM outbox WHERE receiver = ? ORDER BY id LIMIT ?")
                oldest.bind(notification.receiver, at: 1)
                oldest.bind(queued - Int64(capacity), at: 2)
                var result = Enqueued(id: id)
                while try oldest.step() {
                    result.droppedIDs.append(oldest.int64(0))
                    result.droppedKeys.append(oldest.string(1))
                }
                oldest.reset()
                let delete = try connection.cached("DELETE FROM outbox WHERE id = ?")
                for victim in result.droppedIDs {
                    delete.bind(victim, at: 1)
                    try delete.run()
                }
                return result
            }
            state.known.insert(notification.receiver)
            if !result.droppedIDs.isEmpty {
                state.dropped[notification.receiver, default: 0] += result.droppedIDs.count
            }
            return result
        }
        for (victim, key) in zip(enqueued.droppedIDs, enqueued.droppedKeys) {
            logger.warning(
                "notification outbox full, dropped the oldest notification",
                metadata: [
                    "receiver": "\(notification.receiver)", "id": "\(victim)", "idempotency_key": "\(key)",
                    "capacity": "\(capacity)",
                ])
        }
        return enqueued.id
    }

    /// See `NotificationOutbox.due(receiver:now:limit:)`.
    public func due(receiver: String, now: Int64, limit: Int) throws(NotificationOutboxError) -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        let path = path
        return try withState("due") { _, connection in
            let statement = try connection.cached(
                "SELECT \(Self.entryColumns) FROM outbox WHERE receiver = ? ORDER BY id LIMIT ?")
            defer { statement.reset() }
            statement.bind(receiver, at: 1)
            statement.bind(Int64(limit), at: 2)
            var entries: [OutboxEntry] = []
            while try statement.step() {
                let entry = try Self.entry(from: statement, path: path, operation: "due")
                if entry.nextAttemptAt > now { break }
                entries.append(entry)
            }
            return entries
        }
    }

    /// See `NotificationOutbox.nextAttemptAt(receiver:)`.
    public func nextAttemptAt(receiver: String) throws(NotificationOutboxError) -> Int64? {
        try withState("nextAttemptAt") { _, connection in
            let statement = try connection.cached(
                "SELECT next_attempt_at FROM outbox WHERE receiver = ? ORDER BY id LIMIT 1")
            defer { statement.reset() }
            statement.bind(receiver, at: 1)
            return try statement.step() ? statement.int64(0) : nil
        }
    }

    /// See `NotificationOutbox.markDelivered(_:)`.
    public func markDelivered(_ id: Int64) throws(NotificationOutboxError) {
        try withState("markDelivered") { _, connection in
            let statement = try connection.cached("DELETE FROM outbox WHERE id = ?")
            statement.bind(id, at: 1)
            try statement.run()
        }
    }

    /// See `NotificationOutbox.reschedule(_:attempts:nextAttemptAt:lastError:)`.
    public func reschedule(
        _ id: Int64, attempts: Int, nextAttemptAt: Int64, lastError: String
    ) throws(NotificationOutboxError) {
        try withState("reschedule") { _, connection in
            let statement = try connection.cached(
                "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
            statement.bind(Int64(attempts), at: 1)
            statement.bind(nextAttemptAt, at: 2)
            statement.bind(lastError, at: 3)
            statement.bind(id, at: 4)
            try statement.run()
        }
    }

    /// See `NotificationOutbox.deadLetter(_:reason:)`.
    public func deadLetter(_ id: Int64, reason: String) throws(NotificationOutboxError) {
        let deadAt = clock()
        let keep = Int64(deadLetterCapacity)
        try withState("deadLetter") { _, connection in
            try connection.transaction { () throws in
                let move = try connection.cached(
                    """
                    INSERT INTO dead_letter (id, receiver, idempotency_key, created_at, url, headers, body, attempts,
                        last_error, reason, dead_at)
                    SELECT id, receiver, idempotency_key, created_at, url, headers, body, attempts, last_error, ?, ?
                    FROM outbox WHERE id = ?
                    """)
                move.bind(reason, at: 1)
                move.bind(deadAt, at: 2)
                move.bind(id, at: 3)
                try move.run()
                guard connection.changes > 0 else { return }
                let delete = try connection.cached("DELETE FROM outbox WHERE id = ?")
                delete.bind(id, at: 1)
                try delete.run()
                let trim = try connection.cached(
                    "DELETE FROM dead_letter WHERE seq <= (SELECT MAX(seq) FROM dead_letter) - ?")
                trim.bind(keep, at: 1)
                try trim.run()
            }
        }
    }

    /// See `NotificationOutbox.counts()`.
    public func counts() throws(NotificationOutboxError) -> [String: OutboxCounts] {
        try withState("counts") { state, connection in
            var result: [String: OutboxCounts] = [:]
            for receiver in state.known.union(state.dropped.keys) {
                result[receiver] = OutboxCounts(dropped: state.dropped[receiver] ?? 0)
            }
            let statement = try connection.cached(
                "SELECT receiver, COUNT(*), MIN(created_at) FROM outbox GROUP BY receiver")
            defer { statement.reset() }
            while try statement.step() {
                let receiver = statement.string(0)
                result[receiver, default: OutboxCounts()].queued = Int(statement.int64(1))
                result[receiver, default: OutboxCounts()].oldestCreatedAt = statement.int64(2)
            }
            return result
        }
    }

    // MARK: - Inspection

    /// Every waiting entry of `receiver`, in id order.
    public func entries(receiver: String) throws(NotificationOutboxError) -> [OutboxEntry] {
        let path = path
        return try withState("entries") { _, connection in
            let statement = try connection.cached(
                "SELECT \(Self.entryColumns) FROM outbox WHERE receiver = ? ORDER BY id")
            defer { statement.reset() }
            statement.bind(receiver, at: 1)
            var entries: [OutboxEntry] = []
            while try statement.step() {
                entries.append(try Self.entry(from: statement, path: path, operation: "entries"))
            }
            return entries
        }
    }

    /// The kept dead letters, oldest first.
    public func deadLetters() throws(NotificationOutboxError) -> [DeadLetter] {
        let path = path
        return try withState("deadLetters") { _, connection in
            let statement = try connection.cached(
                """
                SELECT id, receiver, idempotency_key, created_at, url, headers, body, attempts, reason
                FROM dead_letter ORDER BY seq
                """)
            defer { statement.reset() }
            var letters: [DeadLetter] = []
            while try statement.step() {
                let notification = try Self.notification(from: statement, path: path, operation: "deadLetters")
                letters.append(
                    DeadLetter(
                        id: statement.int64(0), notification: notification, reason: statement.string(8),
                        attempts: Int(statement.int64(7))))
            }
            return letters
        }
    }
}

extension SQLiteNotificationOutbox {
    /// Runs `body` with the lock held and the open connection; wraps every failure.
    func withState<R: Sendable>(
        _ operation: String, _ body: (inout State, SQLiteConnection) throws -> R
    ) throws(NotificationOutboxError) -> R {
        let path = path
        let outcome = state.withLock { state -> Result<R, NotificationOutboxError> in
            guard let connection = state.connection else {
                return .failure(
                    NotificationOutboxError(.closed, path: path, operation: operation, message: "the outbox is closed"))
            }
            do {
                return .success(try body(&state, connection))
            } catch let error as NotificationOutboxError {
                return .failure(error)
            } catch let error as SQLiteError {
                return .failure(
                    NotificationOutboxError(
                        .io, path: path, operation: operation, message: error.description, underlying: error))
            } catch {
                return .failure(NotificationOutboxError(.io, path: path, operation: operation, message: "\(error)"))
            }
        }
        return try outcome.get()
    }

    /// Opens the connection, sets WAL and synchronous NORMAL, and brings the schema up to date.
    private static func open(
        path: String, busyTimeoutMilliseconds: Int32
    ) throws(NotificationOutboxError) -> SQLiteConnection {
        do {
            let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            guard try connection.scalarString("PRAGMA journal_mode")?.lowercased() == "wal" else {
                throw NotificationOutboxError(
                    .io, path: path, operation: "open", message: "the file system does not support SQLite's WAL mode")
            }
            try migrate(connection, path: path)
            return connection
        } catch let error as NotificationOutboxError {
            throw error
        } catch let error as SQLiteError {
            throw NotificationOutboxError(
                .io, path: path, operation: "open", message: error.description, underlying: error)
        } catch {
            throw NotificationOutboxError(.io, path: path, operation: "open", message: "\(error)")
        }
    }

    private static func migrate(_ connection: SQLiteConnection, path: String) throws {
        try connection.transaction {
            try connection.execute("CREATE TABLE IF NOT EXISTS outbox_schema (version INTEGER NOT NULL)")
            let version = try connection.scalarInt("SELECT MAX(version) FROM outbox_schema") ?? 0
            if version > schemaVersion {
                throw NotificationOutboxError(
                    .incompatible, path: path, operation: "open",
                    message: "schema version \(version) is newer than this leakwatch understands (\(schemaVersion)): "
                        + "upgrade leakwatch")
            }
            if version < 1 { try createVersion1(connection) }
            if version < 2 {
                // Version 2: webhook groups' notification logs, so a restart does not announce firing alerts again.
                try connection.execute(
                    """
                    CREATE TABLE notification_log (
                        receiver TEXT NOT NULL,
                        group_key TEXT NOT NULL,
                        firing BLOB NOT NULL,
                        resolved BLOB NOT NULL,
                        at INTEGER NOT NULL,
                        PRIMARY KEY (receiver, group_key)
                    ) WITHOUT ROWID;
                    INSERT INTO outbox_schema (version) VALUES (2);
                    """)
            }
        }
    }

    private static func createVersion1(_ connection: SQLiteConnection) throws {
        try connection.execute(
            """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                receiver TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                url TEXT NOT NULL,
                headers BLOB NOT NULL,
                body BLOB NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT
            );
            CREATE INDEX outbox_receiver_id ON outbox (receiver, id);
            CREATE TABLE dead_letter (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id INTEGER NOT NULL,
                receiver TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                url TEXT NOT NULL,
                headers BLOB NOT NULL,
                body BLOB NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                reason TEXT NOT NULL,
                dead_at INTEGER NOT NULL
            );
            INSERT INTO outbox_schema (version) VALUES (1);
            """)
    }

    /// The entry in the current row of a statement selecting `entryColumns`.
    private static func entry(
        from statement: SQLiteStatement, path: String, operation: String
    ) throws(NotificationOutboxError) -> OutboxEntry {
        OutboxEntry(
            id: statement.int64(0), notification: try notification(from: statement, path: path, operation: operation),
            attempts: Int(statement.int64(7)), nextAttemptAt: statement.int64(8),
            lastError: statement.isNull(9) ? nil : statement.string(9))
    }

    /// The notification in columns 1–6 (receiver, idempotency_key, created_at, url, headers, body).
    private static func notification(
        from statement: SQLiteStatement, path: String, operation: String
    ) throws(NotificationOutboxError) -> PreparedNotification {
        guard let headers = OutboxHeaderCodec.decode(statement.blob(5)) else {
            throw NotificationOutboxError(
                .corrupt, path: path, operation: operation,
                message: "entry \(statement.int64(0)) has undecodable headers")
        }
        return PreparedNotification(
            receiver: statement.string(1), idempotencyKey: statement.string(2), createdAt: statement.int64(3),
            url: statement.string(4), headers: headers, body: statement.blob(6))
    }
}
