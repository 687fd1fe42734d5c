import Testing
import TimeSeries

struct PrometheusDurationTests {
    @Test(arguments: [
        ("0", Int64(0)), ("1ms", 1), ("5s", 5_000), ("1m", 60_000), ("1h30m", 5_400_000), ("15d", 1_296_000_000),
        ("2w", 1_209_600_000), ("1y", 31_536_000_000), ("1h1m1s1ms", 3_661_001), ("90m", 5_400_000),
        ("0s", 0), ("292y", 9_208_512_000_000),
    ])
    func validDurationsParse(text: String, milliseconds: Int64) {
        #expect(PrometheusDuration.milliseconds(text) == milliseconds)
    }

    @Test(arguments: ["", "1", "h", "1x", "1m1h", "1s1s", "-1s", "1.5h", " 1s", "99999999999999999999y", "1ms1s"])
    func invalidDurationsAreRejected(text: String) {
        #expect(PrometheusDuration.milliseconds(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("", "empty duration string"),
        ("5", "not a valid duration string: \"5\""),
        ("-5m", "not a valid duration string: \"-5m\""),
        ("1m1h", "not a valid duration string: \"1m1h\""),
        ("1s1s", "not a valid duration string: \"1s1s\""),
        ("h", "not a valid duration string: \"h\""),
        ("99999999999999999999y", "not a valid duration string: \"99999999999999999999y\""),
        ("1.5h", "unknown unit \".\" in duration \"1.5h\""),
        ("5x", "unknown unit \"x\" in duration \"5x\""),
        ("1h 30m", "unknown unit \"h \" in duration \"1h 30m\""),
        ("293y", "duration out of range"),
        ("9223372036855ms", "duration out of range"),
        ("292y52w", "duration out of range"),
    ])
    func errorsUsePrometheusWording(text: String, message: String) {
        #expect(throws: PrometheusDurationError.self) { try PrometheusDuration.parse(text) }
        do {
            _ = try PrometheusDuration.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func largestInRangeValueParses() throws {
        // 2^63 ns is the bound: 9223372036854 ms fits, one more does not.
        #expect(try PrometheusDuration.parse("9223372036854ms") == 9_223_372_036_854)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (5_400_000, "1h30m"), (1_209_600_000, "2w"), (1, "1ms"), (-60_000, "-1m"),
        (7_776_000_000, "90d"), (31_536_000_000, "1y"), (32_140_800_000, "372d"), (694_861_001, "8d1h1m1s1ms"),
    ])
    func formatIsCanonical(milliseconds: Int64, text: String) {
        #expect(PrometheusDuration.format(milliseconds) == text)
    }
}
