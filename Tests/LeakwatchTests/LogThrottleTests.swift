import Foundation
import Testing

@testable import Leakwatch

struct LogThrottleTests {
    @Test func oneLinePerIntervalWithTheCountHeldBack() {
        let throttle = LogThrottle(interval: .milliseconds(200))
        var emitted: [Int] = []
        throttle.log { emitted.append($0) }
        throttle.log { emitted.append($0) }
        throttle.log { emitted.append($0) }
        #expect(emitted == [0])
        Thread.sleep(forTimeInterval: 0.25)
        throttle.log { emitted.append($0) }
        #expect(emitted == [0, 2])
    }
}
