import Notify
import TestSupport
import Testing

@Suite("In-memory outbox")
struct InMemoryOutboxTests {
    let url = "http://127.0.0.1:9/hook"

    @Test("due entries come in id order and stop at the first entry not yet due")
    func dueInOrder() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        let ids = (0..<4).map { outbox.enqueue(notification("a", $0, url: url, createdAt: 100)) }
        let other = outbox.enqueue(notification("b", 0, url: url, createdAt: 100))
        #expect(ids == ids.sorted() && other > ids[3])
        #expect(outbox.due(receiver: "a", now: 99, limit: 10).isEmpty)
        #expect(outbox.due(receiver: "a", now: 100, limit: 3).map(\.id) == Array(ids.prefix(3)))
        #expect(outbox.due(receiver: "b", now: 100, limit: 10).map(\.id) == [other])

        outbox.reschedule(ids[0], attempts: 1, nextAttemptAt: 5_000, lastError: "HTTP 500")
        #expect(outbox.due(receiver: "a", now: 1_000, limit: 10).isEmpty)
        #expect(outbox.nextAttemptAt(receiver: "a") == 5_000)
        let head = outbox.due(receiver: "a", now: 5_000, limit: 1)
        #expect(head.map(\.attempts) == [1] && head.map(\.lastError) == ["HTTP 500"])

        outbox.markDelivered(ids[0])
        outbox.deadLetter(ids[1], reason: "HTTP 400")
        #expect(outbox.due(receiver: "a", now: 1_000, limit: 10).map(\.id) == [ids[2], ids[3]])
        #expect(outbox.deadLetters.map(\.id) == [ids[1]])
        #expect(outbox.deadLetters.map(\.reason) == ["HTTP 400"])
        #expect(outbox.counts()["a"] == OutboxCounts(queued: 2, oldestCreatedAt: 100, dropped: 0))
        outbox.markDelivered(ids[0])
        #expect(outbox.counts()["a"]?.queued == 2)
    }

    @Test("a full receiver queue drops its oldest entry and counts it; other receivers keep theirs")
    func bounded() {
        let outbox = InMemoryOutbox(capacity: 3, logger: quietLogger)
        let kept = outbox.enqueue(notification("b", 0, url: url, createdAt: 1))
        let ids = (0..<5).map { outbox.enqueue(notification("a", $0, url: url, createdAt: Int64(10 + $0))) }
        #expect(outbox.entries(receiver: "a").map(\.id) == Array(ids.suffix(3)))
        #expect(outbox.counts()["a"] == OutboxCounts(queued: 3, oldestCreatedAt: 12, dropped: 2))
        #expect(outbox.entries(receiver: "b").map(\.id) == [kept])
        #expect(outbox.counts()["b"]?.dropped == 0)
    }
}
