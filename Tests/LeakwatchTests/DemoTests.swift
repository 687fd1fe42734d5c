import Foundation
import Leakwatch
import TestSupport
import Testing

/// `leakwatch demo`'s walk-through with short windows: every step happens, in order, within seconds.
@Suite(.serialized)
struct DemoTests {
    private static var shortSettings: LeakDemoSettings {
        var settings = LeakDemoSettings()
        settings.sendIntervalMilliseconds = 100
        settings.windowMilliseconds = 3_000
        settings.forMilliseconds = 1_000
        settings.evaluationIntervalMilliseconds = 250
        settings.groupWaitMilliseconds = 100
        settings.timeoutMilliseconds = 40_000
        return settings
    }

    @Test("the leak goes pending, fires, is notified, then resolves after the fix, in that order")
    func walkThrough() throws {
        var steps: [LeakDemoStep] = []
        let started = Date()
        try LeakDemo.run(settings: DemoTests.shortSettings, logger: quietLogger) { steps.append($0) }
        #expect(Date().timeIntervalSince(started) < 40)
        try #require(steps.count == 7, "\(steps)")
        guard case .started(let port, let url) = steps[0] else {
            Issue.record("first step is \(steps[0])")
            return
        }
        #expect(port > 0)
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(Array(steps[1...3]) == [.sendingMetrics, .pending, .firing])
        guard case .webhookFiring(let summary) = steps[4] else {
            Issue.record("fifth step is \(steps[4])")
            return
        }
        // The summary template rendered the job from the OTLP resource and a rate near the 100 kB/s leak.
        #expect(summary.hasPrefix("leaky-service RSS is growing at "), "\(summary)")
        #expect(summary.hasSuffix("kB/s"), "\(summary)")
        #expect(Array(steps[5...]) == [.leakStopped, .resolved])
        #expect(
            steps.map(\.description)[1...6] == [
                "sending metrics…", "alert pending", "alert firing", "webhook received: \(summary)",
                "leak fixed: RSS is flat now", "resolved",
            ])
    }

    @Test("a walk-through that cannot finish in time fails with the step it was waiting for")
    func timeout() {
        var settings = DemoTests.shortSettings
        settings.forMilliseconds = 60_000
        settings.timeoutMilliseconds = 2_000
        var steps: [LeakDemoStep] = []
        #expect {
            try LeakDemo.run(settings: settings, logger: quietLogger) { steps.append($0) }
        } throws: { error in
            "\(error)".hasPrefix("timed out after 2s waiting for the alert to fire (")
        }
        #expect(steps.last == .pending)
    }

    @Test("the rule file holds the time-compressed leak rule")
    func ruleFile() {
        let settings = DemoTests.shortSettings
        #expect(settings.ruleExpression == "deriv(process_runtime_python_memory_rss[3s]) > 10000")
        #expect(settings.ruleFile.contains("interval: 250ms\n"))
        #expect(settings.ruleFile.contains("for: 1s\n"))
        #expect(LeakDemoSettings.parseDuration("1m30s") == 90_000)
        #expect(LeakDemoSettings.parseDuration("soon") == nil)
    }
}
