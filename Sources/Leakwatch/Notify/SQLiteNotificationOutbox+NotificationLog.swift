import Foundation
public import Notify
import Storage

extension SQLiteNotificationOutbox {
    /// Entries older than this are forgotten when logs are read (Alertmanager keeps its notification log 120h).
    static let notificationLogRetention: Int64 = 120 * 3_600_000

    /// The receiver's saved webhook-group logs by group key, without those older than five days (which are deleted).
    public func notificationLogs(receiver: String) throws(NotificationOutboxError) -> [String: NotificationLogEntry] {
        let cutoff = Int64(Date().timeIntervalSince1970 * 1000) - SQLiteNotificationOutbox.notificationLogRetention
        return try withState("notificationLogs") { _, connection in
            let prune = try connection.cached("DELETE FROM notification_log WHERE receiver = ? AND at < ?")
            prune.bind(receiver, at: 1)
            prune.bind(cutoff, at: 2)
            try prune.run()
            let select = try connection.cached(
                "SELECT group_key, firing, resolved, at FROM notification_log WHERE receiver = ?")
            defer { select.reset() }
            select.bind(receiver, at: 1)
            var logs: [String: NotificationLogEntry] = [:]
            while try select.step() {
                logs[select.string(0)] = NotificationLogEntry(
                    firing: SQLiteNotificationOutbox.fingerprints(select.blob(1)),
                    resolved: SQLiteNotificationOutbox.fingerprints(select.blob(2)), at: select.int64(3))
            }
            return logs
        }
    }

    /// Saves (replacing) the receiver's webhook-group logs, in one transaction.
    public func saveNotificationLogs(
        receiver: String, _ logs: [String: NotificationLogEntry]
    ) throws(NotificationOutboxError) {
        guard !logs.isEmpty else { return }
        try withState("saveNotificationLogs") { _, connection in
            try connection.transaction {
                let upsert = try connection.cached(
                    """
                    INSERT OR REPLACE INTO notification_log (receiver, group_key, firing, resolved, at)
                    VALUES (?, ?, ?, ?, ?)
                    """)
                for (key, log) in logs {
                    upsert.bind(receiver, at: 1)
                    upsert.bind(key, at: 2)
                    upsert.bind(SQLiteNotificationOutbox.bytes(log.firing), at: 3)
                    upsert.bind(SQLiteNotificationOutbox.bytes(log.resolved), at: 4)
                    upsert.bind(log.at, at: 5)
                    try upsert.run()
                }
            }
        }
    }

    /// Fingerprints as 8-byte little-endian values, sorted (so equal sets give equal bytes).
    static func bytes(_ fingerprints: Set<UInt64>) -> [UInt8] {
        fingerprints.sorted().flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
    }

    /// The fingerprints in `bytes` (a trailing partial value is ignored).
    static func fingerprints(_ bytes: [UInt8]) -> Set<UInt64> {
        Set(
            stride(from: 0, to: bytes.count - 7, by: 8).map { start in
                (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << ($1 * 8) }
            })
    }
}
