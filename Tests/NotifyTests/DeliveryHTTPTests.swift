import Foundation
import HTTPServer
import Notify
import TestSupport
import Testing

/// The worker and `URLSessionSender` against real HTTP receivers on loopback; serialized because they measure time.
@Suite("Delivery over HTTP", .serialized)
struct DeliveryHTTPTests {
    /// Fast retries so the tests take milliseconds.
    let fastRetries = RetryPolicy(initialBackoff: 10, maxBackoff: 40, maxRetryDuration: 60_000)

    func makeWorker(_ receiver: String, _ outbox: InMemoryOutbox, timeout: Int64 = 5_000) -> DeliveryWorker {
        DeliveryWorker(
            receiver: receiver, outbox: outbox, sender: URLSessionSender(), policy: fastRetries, timeout: timeout,
            logger: quietLogger)
    }

    @Test("500 for a while, then 200: every notification arrives exactly once per idempotency key, in order")
    func flakyReceiver() throws {
        let receiver = try TestReceiver { number, _ in
            number < 6 ? .text(500, "down") : .text(200, "ok")
        }
        defer { receiver.shutdown() }
        let outbox = InMemoryOutbox(logger: quietLogger)
        let worker = makeWorker("r", outbox)
        worker.start()
        defer { worker.stop() }
        let now = DeliveryWorker.wallClock()
        for index in 0..<5 { _ = try worker.submit(notification("r", index, url: receiver.url, createdAt: now)) }

        #expect(eventually { worker.metrics().sent == 5 })
        #expect(receiver.delivered == ["r-0", "r-1", "r-2", "r-3", "r-4"])
        let requests = receiver.requests.current
        #expect(requests.map(\.key) == Array(repeating: "r-0", count: 7) + ["r-1", "r-2", "r-3", "r-4"])
        #expect(requests.last?.body == "{\"n\":4}")
        let metrics = worker.metrics()
        #expect(metrics.failed == ["5xx": 6] && metrics.retried == 6 && metrics.queueLength == 0)
        #expect(outbox.deadLetters.isEmpty)
    }

    @Test("400 is dead-lettered after one attempt and the next notification still goes out")
    func badRequestIsDeadLettered() throws {
        let receiver = try TestReceiver { _, request in
            request.headers["Idempotency-Key"] == "r-0" ? .text(400, "bad") : .text(202, "")
        }
        defer { receiver.shutdown() }
        let outbox = InMemoryOutbox(logger: quietLogger)
        let worker = makeWorker("r", outbox)
        worker.start()
        defer { worker.stop() }
        let now = DeliveryWorker.wallClock()
        for index in 0..<2 { _ = try worker.submit(notification("r", index, url: receiver.url, createdAt: now)) }

        #expect(eventually { worker.metrics().sent == 1 })
        #expect(receiver.requests.current.map(\.key) == ["r-0", "r-1"])
        #expect(outbox.deadLetters.map(\.notification.idempotencyKey) == ["r-0"])
        #expect(outbox.deadLetters.first?.reason == "HTTP 400")
        #expect(worker.metrics().deadLettered == 1 && worker.metrics().failed == ["4xx": 1])
    }

    @Test("a receiver that never answers times out and is retried; submitting never blocks")
    func silentReceiverTimesOut() throws {
        let listener = try SilentListener()
        let outbox = InMemoryOutbox(logger: quietLogger)
        let worker = makeWorker("r", outbox, timeout: 200)
        worker.start()
        defer { worker.stop() }
        let started = Date()
        _ = try worker.submit(notification("r", 0, url: listener.url, createdAt: DeliveryWorker.wallClock()))
        _ = try worker.submit(notification("r", 1, url: listener.url, createdAt: DeliveryWorker.wallClock()))
        #expect(Date().timeIntervalSince(started) < 0.1)

        #expect(eventually { worker.metrics().retried >= 2 })
        let metrics = worker.metrics()
        #expect(metrics.failed["timeout"] == metrics.retried && metrics.sent == 0)
        let entries = outbox.entries(receiver: "r")
        #expect(entries.map(\.notification.idempotencyKey) == ["r-0", "r-1"])
        #expect((entries.first?.attempts ?? 0) >= 2 && entries.first?.lastError == "timed out")
        #expect(entries.last?.attempts == 0)
    }

    @Test("429 with Retry-After: 1 delays the retry by a second although the backoff is 10ms")
    func retryAfterOverHTTP() throws {
        let receiver = try TestReceiver { number, _ in
            guard number == 0 else { return .text(200, "ok") }
            var response = HTTPResponse.text(429, "slow down")
            response.headers.add("Retry-After", "1")
            return response
        }
        defer { receiver.shutdown() }
        let outbox = InMemoryOutbox(logger: quietLogger)
        let worker = makeWorker("r", outbox)
        worker.start()
        defer { worker.stop() }
        _ = try worker.submit(notification("r", 0, url: receiver.url, createdAt: DeliveryWorker.wallClock()))

        #expect(eventually { worker.metrics().sent == 1 })
        let requests = receiver.requests.current
        #expect(requests.map(\.status) == [429, 200])
        if requests.count == 2 {
            let gap = requests[1].at.timeIntervalSince(requests[0].at)
            #expect(gap >= 0.95 && gap < 3, "retried after \(gap)s")
        }
        #expect(worker.metrics().failed == ["429": 1])
    }

    @Test("a slow receiver does not delay another receiver")
    func slowReceiverIsolated() throws {
        let slow = try TestReceiver { _, _ in
            Thread.sleep(forTimeInterval: 1.5)
            return .text(200, "ok")
        }
        defer { slow.shutdown() }
        let fast = try TestReceiver { _, _ in .text(200, "ok") }
        defer { fast.shutdown() }
        let outbox = InMemoryOutbox(logger: quietLogger)
        let slowWorker = makeWorker("slow", outbox)
        let fastWorker = makeWorker("fast", outbox)
        slowWorker.start()
        fastWorker.start()
        defer {
            slowWorker.stop()
            fastWorker.stop()
        }
        let now = DeliveryWorker.wallClock()
        for index in 0..<2 { _ = try slowWorker.submit(notification("slow", index, url: slow.url, createdAt: now)) }
        Thread.sleep(forTimeInterval: 0.1)
        let started = Date()
        for index in 0..<3 { _ = try fastWorker.submit(notification("fast", index, url: fast.url, createdAt: now)) }

        #expect(eventually(1, poll: 0.01) { fastWorker.metrics().sent == 3 })
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(fast.delivered == ["fast-0", "fast-1", "fast-2"])
        #expect(slowWorker.metrics().sent == 0 && slowWorker.metrics().queueLength == 2)
        #expect(eventually { slowWorker.metrics().sent == 2 })
        #expect(slow.delivered == ["slow-0", "slow-1"])
    }
}
