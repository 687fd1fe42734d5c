import Foundation
import Leakwatch
import Notify
import Storage
import TestSupport
import Testing

@Suite("SQLite notification outbox")
struct SQLiteNotificationOutboxTests {
    let url = "http://127.0.0.1:9/hook"

    func note(_ receiver: String, _ index: Int, createdAt: Int64 = 0) -> PreparedNotification {
        PreparedNotification(
            receiver: receiver, idempotencyKey: "\(receiver)-\(index)", createdAt: createdAt, url: url,
            headers: [
                HTTPHeaderField("Content-Type", "application/json"),
                HTTPHeaderField("Idempotency-Key", "\(receiver)-\(index)"),
            ],
            body: Array("{\"n\":\(index)}".utf8))
    }

    @Test("due entries come in id order and stop at the first entry not yet due")
    func dueInOrder() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let ids = try (0..<4).map { try outbox.enqueue(note("a", $0, createdAt: 100)) }
        let other = try outbox.enqueue(note("b", 0, createdAt: 100))
        #expect(ids == ids.sorted() && Set(ids).count == 4 && other > ids[3])
        #expect(try outbox.due(receiver: "a", now: 99, limit: 10).isEmpty)
        #expect(try outbox.due(receiver: "a", now: 100, limit: 3).map(\.id) == Array(ids.prefix(3)))
        #expect(try outbox.due(receiver: "a", now: 100, limit: 0).isEmpty)
        #expect(try outbox.due(receiver: "b", now: 100, limit: 10).map(\.id) == [other])
        #expect(try outbox.due(receiver: "nobody", now: 100, limit: 10).isEmpty)
        #expect(try outbox.nextAttemptAt(receiver: "nobody") == nil)

        try outbox.reschedule(ids[0], attempts: 1, nextAttemptAt: 5_000, lastError: "HTTP 500")
        #expect(try outbox.due(receiver: "a", now: 1_000, limit: 10).isEmpty)
        #expect(try outbox.nextAttemptAt(receiver: "a") == 5_000)
        let head = try outbox.due(receiver: "a", now: 5_000, limit: 1)
        #expect(head.map(\.attempts) == [1] && head.map(\.lastError) == ["HTTP 500"])
        #expect(try outbox.due(receiver: "a", now: 5_000, limit: 10).map(\.lastError) == ["HTTP 500", nil, nil, nil])

        try outbox.markDelivered(ids[0])
        try outbox.deadLetter(ids[1], reason: "HTTP 400")
        #expect(try outbox.due(receiver: "a", now: 1_000, limit: 10).map(\.id) == [ids[2], ids[3]])
        #expect(try outbox.deadLetters().map(\.id) == [ids[1]])
        #expect(try outbox.deadLetters().map(\.reason) == ["HTTP 400"])
        #expect(try outbox.counts()["a"] == OutboxCounts(queued: 2, oldestCreatedAt: 100, dropped: 0))
        try outbox.markDelivered(ids[0])
        try outbox.deadLetter(ids[0], reason: "gone")
        try outbox.reschedule(ids[0], attempts: 3, nextAttemptAt: 1, lastError: "gone")
        #expect(try outbox.counts()["a"]?.queued == 2)
        #expect(try outbox.deadLetters().count == 1)

        try outbox.markDelivered(other)
        #expect(try outbox.counts()["b"] == OutboxCounts(queued: 0, oldestCreatedAt: nil, dropped: 0))
        try outbox.close()
    }

    @Test("ids keep increasing after the newest entry is removed")
    func idsNotReused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let first = try outbox.enqueue(note("a", 0))
        try outbox.markDelivered(first)
        let second = try outbox.enqueue(note("a", 1))
        #expect(second > first)
        try outbox.deadLetter(second, reason: "HTTP 404")
        try outbox.close()
        outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        #expect(try outbox.enqueue(note("a", 2)) > second)
        try outbox.close()
    }

    @Test("a full receiver queue drops its oldest entry and counts it; other receivers keep theirs")
    func bounded() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, capacity: 3, logger: quietLogger)
        let kept = try outbox.enqueue(note("b", 0, createdAt: 1))
        let ids = try (0..<5).map { try outbox.enqueue(note("a", $0, createdAt: Int64(10 + $0))) }
        #expect(try outbox.entries(receiver: "a").map(\.id) == Array(ids.suffix(3)))
        #expect(try outbox.counts()["a"] == OutboxCounts(queued: 3, oldestCreatedAt: 12, dropped: 2))
        #expect(try outbox.entries(receiver: "b").map(\.id) == [kept])
        #expect(try outbox.counts()["b"]?.dropped == 0)
        try outbox.close()
    }

    @Test("entries, attempts and dead letters survive a close and reopen")
    func survivesRestart() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let ids = try (0..<3).map { try outbox.enqueue(note("a", $0, createdAt: 100)) }
        let other = try outbox.enqueue(note("b", 7, createdAt: 50))
        try outbox.reschedule(ids[0], attempts: 2, nextAttemptAt: 9_000, lastError: "connection refused")
        try outbox.deadLetter(ids[1], reason: "HTTP 400")
        let before = try outbox.entries(receiver: "a")
        try outbox.close()
        #expect(throws: NotificationOutboxError.self) { try outbox.due(receiver: "a", now: 0, limit: 1) }
        #expect(FileManager.default.fileExists(atPath: directory.path + "/leakwatch.sqlite"))

        outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let after = try outbox.entries(receiver: "a")
        #expect(after == before)
        #expect(after.map(\.id) == [ids[0], ids[2]])
        #expect(after.first?.attempts == 2 && after.first?.lastError == "connection refused")
        #expect(after.first?.nextAttemptAt == 9_000 && after.last?.nextAttemptAt == 100)
        #expect(try outbox.nextAttemptAt(receiver: "a") == 9_000)
        #expect(try outbox.due(receiver: "a", now: 1_000, limit: 10).isEmpty)
        #expect(
            try outbox.due(receiver: "b", now: 1_000, limit: 10).map(\.notification) == [note("b", 7, createdAt: 50)])
        #expect(try outbox.entries(receiver: "b").map(\.id) == [other])
        let letters = try outbox.deadLetters()
        #expect(
            letters == [
                DeadLetter(id: ids[1], notification: note("a", 1, createdAt: 100), reason: "HTTP 400", attempts: 0)
            ])
        #expect(
            try outbox.counts() == [
                "a": OutboxCounts(queued: 2, oldestCreatedAt: 100, dropped: 0),
                "b": OutboxCounts(queued: 1, oldestCreatedAt: 50, dropped: 0),
            ])
        try outbox.close()
    }

    @Test("bodies and headers round trip byte for byte")
    func byteExact() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let body: [UInt8] = Array(0...255) + [0, 0, 0xff, 0xfe] + Array("{\"ü\":\"☃\"}\r\n".utf8)
        let headers = [
            HTTPHeaderField("X-Signature", "sha256=00ff"),
            HTTPHeaderField("x-empty", ""),
            HTTPHeaderField("X-Unicode", "héllo ☃ 🚀"),
            HTTPHeaderField("X-Repeated", "1"),
            HTTPHeaderField("X-Repeated", "2"),
            HTTPHeaderField("Authorization", "Bearer a:b;c=\"d\"\t "),
        ]
        let notifications = [
            PreparedNotification(
                receiver: "r", idempotencyKey: "k1", createdAt: -5, url: url, headers: headers, body: body),
            PreparedNotification(
                receiver: "r", idempotencyKey: "k2", createdAt: Int64.max, url: url, headers: [], body: []),
        ]
        let ids = try notifications.map { try outbox.enqueue($0) }
        try outbox.deadLetter(ids[1], reason: "HTTP 410")
        try outbox.close()
        outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let stored = try #require(try outbox.entries(receiver: "r").first)
        #expect(stored.notification == notifications[0])
        #expect(stored.notification.body == body && stored.notification.headers == headers)
        #expect(try outbox.deadLetters().map(\.notification) == [notifications[1]])
        try outbox.close()
    }

    @Test("concurrent enqueues from many threads all land with distinct ids")
    func concurrent() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for task in 0..<8 {
                group.addTask { try (0..<25).map { try outbox.enqueue(note("r\(task % 2)", $0)) } }
            }
            var all: [Int64] = []
            for try await chunk in group { all += chunk }
            return all
        }
        #expect(Set(ids).count == 200)
        #expect(try outbox.counts().values.map(\.queued).reduce(0, +) == 200)
        try outbox.close()
    }

    @Test("a database from a newer schema version is refused")
    func newerSchema() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        try outbox.close()
        let connection = try SQLiteConnection(path: directory.path + "/leakwatch.sqlite")
        try connection.execute("UPDATE outbox_schema SET version = 99")
        try connection.close()
        #expect {
            _ = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        } throws: { error in
            (error as? NotificationOutboxError)?.code == .incompatible
        }
    }
}

extension SQLiteNotificationOutboxTests {
    @Test("dead letters keep only the newest ones, stamped with the clock")
    func deadLetterCapacity() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outbox = try SQLiteNotificationOutbox(
            dataDirectory: directory.path, deadLetterCapacity: 2, logger: quietLogger, clock: { 42 })
        let ids = try (0..<4).map { try outbox.enqueue(note("a", $0)) }
        for id in ids { try outbox.deadLetter(id, reason: "HTTP 400 #\(id)") }
        #expect(try outbox.deadLetters().map(\.id) == Array(ids.suffix(2)))
        #expect(try outbox.deadLetters().map(\.reason) == ids.suffix(2).map { "HTTP 400 #\($0)" })
        #expect(try outbox.counts()["a"] == OutboxCounts(queued: 0, oldestCreatedAt: nil, dropped: 0))
        try outbox.close()
        let connection = try SQLiteConnection(path: directory.path + "/leakwatch.sqlite")
        #expect(try connection.scalarInt("SELECT MIN(dead_at) FROM dead_letter") == 42)
        #expect(try connection.scalarInt("SELECT version FROM outbox_schema") == 1)
        #expect(try connection.scalarString("PRAGMA journal_mode") == "wal")
        try connection.close()
    }
}

extension SQLiteNotificationOutboxTests {
    @Test("webhook groups' notification logs survive a reopen; entries older than five days are dropped")
    func notificationLogs() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        do {
            let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
            try outbox.saveNotificationLogs(
                receiver: "oncall",
                [
                    "{}:{alertname=\"Leak\"}": NotificationLogEntry(
                        firing: [1, 0xFFFF_FFFF_FFFF_FFFF], resolved: [], at: now),
                    "{}:{alertname=\"Old\"}": NotificationLogEntry(
                        firing: [3], resolved: [4], at: now - 6 * 86_400_000),
                ])
            try outbox.saveNotificationLogs(
                receiver: "oncall",
                ["{}:{alertname=\"Leak\"}": NotificationLogEntry(firing: [1], resolved: [2], at: now)])
            try outbox.saveNotificationLogs(
                receiver: "other", ["{}:{}": NotificationLogEntry(firing: [9], resolved: [], at: now)])
            try outbox.close()
        }
        let reopened = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        defer { try? reopened.close() }
        #expect(
            try reopened.notificationLogs(receiver: "oncall") == [
                "{}:{alertname=\"Leak\"}": NotificationLogEntry(firing: [1], resolved: [2], at: now)
            ])
        #expect(try reopened.notificationLogs(receiver: "other").count == 1)
        #expect(try reopened.notificationLogs(receiver: "nobody").isEmpty)
    }

    @Test("an outbox written by schema version 1 gets the notification log table and keeps its entries")
    func migrationFromVersion1() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
            _ = try outbox.enqueue(note("oncall", 1))
            try outbox.close()
        }
        // Back to what version 1 wrote.
        let connection = try SQLiteConnection(path: directory.path + "/leakwatch.sqlite")
        try connection.execute("DROP TABLE notification_log; DELETE FROM outbox_schema WHERE version = 2")
        try connection.close()
        let outbox = try SQLiteNotificationOutbox(dataDirectory: directory.path, logger: quietLogger)
        defer { try? outbox.close() }
        #expect(try outbox.entries(receiver: "oncall").map(\.notification.idempotencyKey) == ["oncall-1"])
        try outbox.saveNotificationLogs(
            receiver: "oncall", ["k": NotificationLogEntry(firing: [5], resolved: [], at: 1)])
        #expect(try outbox.notificationLogs(receiver: "oncall").isEmpty)  // at 1 ms: older than five days
    }
}
