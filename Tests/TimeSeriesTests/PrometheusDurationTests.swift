import Testing
import TimeSeries

struct PrometheusDurationTests {
    @Test(arguments: [
        ("0", Int64(0)), ("1ms", 1), ("5s", 5_000), ("1m", 60_000), ("1h30m", 5_400_000), ("15d", 1_296_000_000),
        ("2w", 1_209_600_000), ("1y", 31_536_000_000), ("1h1m1s1ms", 3_661_001),
    ])
    func validDurationsParse(text: String, milliseconds: Int64) {
        #expect(PrometheusDuration.milliseconds(text) == milliseconds)
    }

    @Test(arguments: ["", "1", "h", "1x", "1m1h", "1s1s", "-1s", "1.5h", " 1s", "99999999999999999999y", "1ms1s"])
    func invalidDurationsAreRejected(text: String) {
        #expect(PrometheusDuration.milliseconds(text) == nil, "\(text)")
    }

    @Test(arguments: [(Int64(0), "0s"), (5_400_000, "1h30m"), (1_209_600_000, "2w"), (1, "1ms"), (-60_000, "-1m")])
    func formatIsCanonical(milliseconds: Int64, text: String) {
        #expect(PrometheusDuration.format(milliseconds) == text)
    }
}
