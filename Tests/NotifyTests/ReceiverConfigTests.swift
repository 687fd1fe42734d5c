import Notify
import Testing

@Suite("Receiver configuration")
struct ReceiverConfigTests {
    @Test("defaults are Alertmanager's: group by alertname, 30s/5m/4h, resolved sent, 10s timeout, 24h of retries")
    func defaults() {
        let receiver = ReceiverConfig(name: "oncall", kind: .webhook, url: "http://127.0.0.1:9/hook")
        #expect(receiver.groupBy == ["alertname"])
        #expect(receiver.groupWait == 30_000)
        #expect(receiver.groupInterval == 300_000)
        #expect(receiver.repeatInterval == 14_400_000)
        #expect(receiver.sendResolved)
        #expect(receiver.timeout == 10_000)
        #expect(receiver.maxRetryDuration == 86_400_000)
        #expect(receiver.match.isEmpty)
    }
}
