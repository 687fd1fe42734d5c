import Foundation
import Testing

@testable import Notify

@Suite("Retry policy")
struct RetryPolicyTests {
    /// A policy whose jitter always picks the top of the range, so waits equal the ceilings.
    let topOfRange = RetryPolicy(random: { $0.upperBound })

    @Test("the backoff ceiling starts at 1s, doubles per failure and stops at 5m")
    func ceilings() {
        let ceilings = (1...11).map { topOfRange.backoffCeiling(attempts: $0) }
        #expect(ceilings == [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000])
        #expect(topOfRange.backoffCeiling(attempts: 10_000) == 300_000)
    }

    @Test("full jitter draws the wait uniformly from 0 up to the ceiling")
    func fullJitter() {
        let ranges = Locked<[ClosedRange<Int64>]>([])
        let policy = RetryPolicy(random: { range in
            ranges.withLock { $0.append(range) }
            return range.lowerBound
        })
        #expect(policy.backoff(attempts: 3) == 0)
        #expect(ranges.current == [0...4_000])
        let real = RetryPolicy()
        let waits = (0..<200).map { _ in real.backoff(attempts: 2) }
        #expect(waits.allSatisfy { (0...2_000).contains($0) })
        #expect(Set(waits).count > 50)
    }

    @Test(
        "2xx is delivered, 5xx, 429, timeouts and connection errors retry, other statuses are dead-lettered",
        arguments: [
            (SendResult.response(status: 200, retryAfter: nil), "delivered"),
            (.response(status: 204, retryAfter: nil), "delivered"),
            (.response(status: 500, retryAfter: nil), "retry 5xx"),
            (.response(status: 503, retryAfter: nil), "retry 5xx"),
            (.response(status: 429, retryAfter: nil), "retry 429"),
            (.timeout, "retry timeout"),
            (.connectionError("refused"), "retry connection"),
            (.response(status: 400, retryAfter: nil), "dead 4xx"),
            (.response(status: 404, retryAfter: "5"), "dead 4xx"),
            (.response(status: 302, retryAfter: nil), "dead status"),
        ])
    func classification(result: SendResult, expected: String) {
        let decision = topOfRange.decide(result, attempts: 1, createdAt: 0, now: 10_000)
        let summary =
            switch decision {
            case .delivered: "delivered"
            case .retry(let at, let reason, _): at == 11_000 ? "retry \(reason)" : "retry at \(at)"
            case .deadLetter(let reason, _): "dead \(reason)"
            }
        #expect(summary == expected)
    }

    @Test("Retry-After in seconds replaces the backoff on 429 and 503")
    func retryAfterSeconds() {
        let decision = topOfRange.decide(
            .response(status: 429, retryAfter: "120"), attempts: 1, createdAt: 0, now: 5_000)
        #expect(decision == .retry(at: 125_000, reason: "429", error: "HTTP 429"))
        let unavailable = topOfRange.decide(
            .response(status: 503, retryAfter: " 0 "), attempts: 4, createdAt: 0, now: 5_000)
        #expect(unavailable == .retry(at: 5_000, reason: "5xx", error: "HTTP 503"))
    }

    @Test("Retry-After as an HTTP-date in all three formats; an unparseable one falls back to the backoff")
    func retryAfterDate() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        let date: Int64 = 784_111_777_000
        let now = date - 30_000
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            #expect(RetryAfter.delay(text, now: now) == 30_000, "\(text)")
        }
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:49:37 GMT", now: date + 1_000) == 0)
        #expect(RetryAfter.delay("soon", now: now) == nil)
        let decision = topOfRange.decide(
            .response(status: 503, retryAfter: "soon"), attempts: 2, createdAt: now, now: now)
        #expect(decision == .retry(at: now + 2_000, reason: "5xx", error: "HTTP 503"))
    }

    @Test("retries stop at maxRetryDuration: the last retry is scheduled at the deadline, a failure after it is dead")
    func deadline() {
        let policy = RetryPolicy(maxRetryDuration: 60_000, random: { $0.upperBound })
        let capped = policy.decide(.timeout, attempts: 9, createdAt: 0, now: 50_000)
        #expect(capped == .retry(at: 60_000, reason: "timeout", error: "timed out"))
        let late = policy.decide(
            .response(status: 429, retryAfter: "3600"), attempts: 1, createdAt: 0, now: 1_000)
        #expect(late == .retry(at: 60_000, reason: "429", error: "HTTP 429"))
        let expired = policy.decide(.response(status: 500, retryAfter: nil), attempts: 10, createdAt: 0, now: 60_000)
        #expect(expired == .deadLetter(reason: "expired", error: "HTTP 500; gave up after 10 attempts"))
        #expect(
            policy.decide(.response(status: 200, retryAfter: nil), attempts: 10, createdAt: 0, now: 90_000)
                == .delivered)
    }
}
