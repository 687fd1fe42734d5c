import GoTemplate
import Testing

@Suite("Alert template context")
struct AlertTemplateContextTests {
    @Test("defaults: no external labels or URL, evaluation at the epoch, no query function")
    func defaults() {
        let context = AlertTemplateContext(labels: ["pod": "a"], value: 1.5)
        #expect(context.labels == ["pod": "a"])
        #expect(context.value == 1.5)
        #expect(context.externalLabels.isEmpty)
        #expect(context.externalURL.isEmpty)
        #expect(context.evaluationTime == 0)
        #expect(context.query == nil)
    }
}
