import PromQL
import Rules
import Testing

@Suite("Rule model")
struct RuleModelTests {
    @Test("a rule's name is its alert or record name; alerting rules compare by their written fields")
    func names() throws {
        let expr = try PromQLParser.parse("up == 0")
        let alert = AlertingRule(name: "Down", expression: "up == 0", expr: expr, annotations: [("summary", "x")])
        let record = RecordingRule(name: "job:up:sum", expression: "up == 0", expr: expr)
        #expect(Rule.alerting(alert).name == "Down")
        #expect(Rule.recording(record).name == "job:up:sum")
        var other = alert
        other.annotations = [("summary", "y")]
        #expect(alert != other)
        #expect(alert == AlertingRule(name: "Down", expression: "up == 0", expr: expr, annotations: [("summary", "x")]))
    }
}
