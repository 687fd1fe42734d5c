import Foundation
import Synchronization
import Testing
import TimeSeries

@testable import Storage

/// The append queue is bounded: when samples are already waiting and another batch would pass the bound, it is
/// refused at once with `overloaded` (ingest answers 503 + Retry-After) instead of growing memory.
struct AppendQueueTests {
    private func request(samples: Int) -> WriteRequest {
        let series = Series(
            labels: ["__name__": "q"], samples: (0..<samples).map { Sample(timestamp: Int64($0), value: 1) })
        return WriteRequest(.append([series], sampleCount: samples))
    }

    @Test func fullQueueRefusesWithOverloadedAndDrainsNormally() throws {
        let queue = AppendQueue(maxQueuedSamples: 100)
        let first = request(samples: 80)
        let firstOutcome = Mutex<Result<AppendResult, StoreError>?>(nil)
        let waiter = Thread {
            let outcome = Result { () throws(StoreError) -> AppendResult in try queue.submit(first) }
            firstOutcome.withLock { $0 = outcome }
        }
        waiter.start()
        // Wait until the first request is queued (no writer takes requests in this test).
        let deadline = Date().addingTimeInterval(5)
        while queue.waitingSamples < 80, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        try #require(queue.waitingSamples == 80)
        let refused = #expect(throws: StoreError.self) { _ = try queue.submit(request(samples: 30)) }
        #expect(refused?.code == .overloaded)
        #expect(refused?.message.contains("append queue is full") == true)
        var taken: [WriteRequest] = []
        (taken, _) = queue.take(until: Date().addingTimeInterval(5))
        #expect(taken.count == 1)
        queue.complete(taken, [.success(AppendResult(accepted: 80))])
        while firstOutcome.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.001) }
        #expect(try firstOutcome.withLock { $0 }?.get().accepted == 80)
    }

    @Test func closedQueueRefusesWithClosed() {
        let queue = AppendQueue(maxQueuedSamples: 100)
        queue.close()
        let error = #expect(throws: StoreError.self) { _ = try queue.submit(request(samples: 1)) }
        #expect(error?.code == .closed)
    }

    @Test func takeHandsOutRequestsInOrderUpToTheSampleCap() throws {
        let queue = AppendQueue(maxQueuedSamples: 10_000, maxSamplesPerTake: 100)
        let requests = [60, 30, 20, 500, 5].map { request(samples: $0) }
        let submitters = requests.map { request in
            Thread { _ = try? queue.submit(request) }
        }
        for (index, submitter) in submitters.enumerated() {
            submitter.start()
            // Queue them in this order.
            let deadline = Date().addingTimeInterval(5)
            let expected = requests[...index].reduce(0) { $0 + $1.sampleCount }
            while queue.waitingSamples < expected, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        }
        var groups: [[Int]] = []
        while groups.flatMap({ $0 }).count < requests.count {
            let (taken, _) = queue.take(until: Date().addingTimeInterval(5))
            groups.append(taken.map(\.sampleCount))
            queue.complete(taken, taken.map { .success(AppendResult(accepted: $0.sampleCount)) })
        }
        // 60 + 30 fit; 20 would pass 100. A request larger than the cap still goes, alone.
        #expect(groups == [[60, 30], [20], [500], [5]])
        #expect(queue.waitingSamples == 0)
    }
}
