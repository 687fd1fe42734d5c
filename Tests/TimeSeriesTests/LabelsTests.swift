import Testing
import TimeSeries

struct LabelsTests {
    @Test func sortsDropsEmptyAndKeepsLastDuplicate() {
        let labels = Labels([
            Label(name: "b", value: "2"), Label(name: "a", value: "1"), Label(name: "c", value: ""),
            Label(name: "a", value: "3"),
        ])
        #expect(labels.labels == [Label(name: "a", value: "3"), Label(name: "b", value: "2")])
    }
}
