import Foundation
import Notify
import TestSupport
import Testing

/// The worker against a scripted sender and a manual clock.
@Suite("Delivery worker")
struct DeliveryWorkerTests {
    let url = "http://127.0.0.1:9/hook"

    func makeWorker(_ outbox: InMemoryOutbox, _ sender: FakeSender, _ clock: ManualClock) -> DeliveryWorker {
        DeliveryWorker(
            receiver: "a", outbox: outbox, sender: sender,
            policy: RetryPolicy(maxRetryDuration: 600_000, random: { $0.upperBound }), logger: quietLogger,
            now: { clock.now }, maxIdleWait: 5)
    }

    @Test("a failed head entry holds back the later ones until its retry, then all go out in order")
    func headOfLineOrdering() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        let sender = FakeSender([.response(status: 503, retryAfter: nil), .response(status: 200, retryAfter: nil)])
        let clock = ManualClock(1_000)
        let worker = makeWorker(outbox, sender, clock)
        worker.start()
        defer { worker.stop() }
        for index in 0..<3 { _ = try? worker.submit(notification("a", index, url: url, createdAt: 1_000)) }

        #expect(eventually { sender.sent.current.count == 1 })
        Thread.sleep(forTimeInterval: 0.1)
        #expect(sender.sent.current == ["a-0"])
        #expect(outbox.entries(receiver: "a").first?.nextAttemptAt == 2_000)
        clock.advance(by: 999)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(sender.sent.current == ["a-0"])

        clock.advance(by: 1)
        #expect(eventually { worker.metrics().sent == 3 })
        #expect(sender.sent.current == ["a-0", "a-0", "a-1", "a-2"])
        let metrics = worker.metrics()
        #expect(metrics.failed == ["5xx": 1])
        #expect(metrics.retried == 1 && metrics.deadLettered == 0)
        #expect(metrics.queueLength == 0 && metrics.oldestAge == 0)
    }

    @Test("429 with Retry-After waits that long even though the backoff is shorter; queue age is reported")
    func retryAfterHonoured() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        let sender = FakeSender([.response(status: 429, retryAfter: "120"), .response(status: 200, retryAfter: nil)])
        let clock = ManualClock(10_000)
        let worker = makeWorker(outbox, sender, clock)
        worker.start()
        defer { worker.stop() }
        _ = try? worker.submit(notification("a", 0, url: url, createdAt: 10_000))
        #expect(eventually { worker.metrics().retried == 1 })
        clock.advance(by: 119_999)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(sender.sent.current.count == 1)
        let waiting = worker.metrics()
        #expect(waiting.queueLength == 1 && waiting.oldestAge == 119_999 && waiting.failed == ["429": 1])
        clock.advance(by: 1)
        #expect(eventually { worker.metrics().sent == 1 })
        #expect(sender.sent.current == ["a-0", "a-0"])
    }

    @Test("a permanent failure is dead-lettered and does not hold back the next; expiry dead-letters too")
    func deadLetters() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        let sender = FakeSender([
            .response(status: 400, retryAfter: nil), .connectionError("refused"), .connectionError("refused"),
        ])
        let clock = ManualClock(0)
        let worker = makeWorker(outbox, sender, clock)
        worker.start()
        defer { worker.stop() }
        _ = try? worker.submit(notification("a", 0, url: url))
        _ = try? worker.submit(notification("a", 1, url: url))
        #expect(eventually { worker.metrics().retried >= 1 })
        clock.advance(by: 600_000)
        #expect(eventually { worker.metrics().deadLettered == 2 })
        #expect(outbox.deadLetters.map(\.notification.idempotencyKey) == ["a-0", "a-1"])
        #expect(outbox.deadLetters.first?.reason == "HTTP 400")
        let metrics = worker.metrics()
        #expect(metrics.failed["4xx"] == 1 && (metrics.failed["connection"] ?? 0) >= 2)
        #expect(metrics.sent == 0 && metrics.queueLength == 0)
    }

    @Test("entries already in the outbox when the worker starts (a restart) are delivered, in order")
    func deliversExistingEntries() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        for index in 0..<3 { _ = outbox.enqueue(notification("a", index, url: url)) }
        _ = outbox.enqueue(notification("b", 0, url: url))
        let sender = FakeSender([.response(status: 200, retryAfter: nil)])
        let worker = makeWorker(outbox, sender, ManualClock(0))
        worker.start()
        defer { worker.stop() }
        #expect(eventually { worker.metrics().sent == 3 })
        #expect(sender.sent.current == ["a-0", "a-1", "a-2"])
        #expect(outbox.entries(receiver: "b").count == 1)
    }

    @Test("stop ends the thread; entries stay in the outbox")
    func stopKeepsEntries() {
        let outbox = InMemoryOutbox(logger: quietLogger)
        let sender = FakeSender([.timeout])
        let clock = ManualClock(0)
        let worker = makeWorker(outbox, sender, clock)
        worker.start()
        _ = try? worker.submit(notification("a", 0, url: url))
        #expect(eventually { worker.metrics().retried == 1 })
        worker.stop()
        worker.stop()
        clock.advance(by: 3_600_000)
        worker.wake()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(sender.sent.current.count == 1)
        #expect(outbox.entries(receiver: "a").map(\.attempts) == [1])
    }
}
