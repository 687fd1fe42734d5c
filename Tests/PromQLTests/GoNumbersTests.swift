import Testing

@testable import PromQL

/// Go's `strconv.ParseFloat` and `%f`, with the answers of a Go program.
@Suite("Go number parsing and formatting")
struct GoNumbersTests {
    @Test(
        "ParseFloat accepts what Go accepts",
        arguments: [
            ("1_000", 1000), ("0x1p3", 8), ("0x_1p3", 8), ("+Inf", .infinity), ("inf", .infinity),
            ("Infinity", .infinity), ("-infinity", -.infinity), ("NaN", .nan), ("nan", .nan), ("1e-400", 0),
            ("1.", 1), (".5", 0.5), ("+.5e+2", 50), ("0x1P-2", 0.25), ("0.1_2", 0.12), ("1e1_0", 1e10),
            ("0x1p1_0", 1024), ("0X1p0", 1), ("00.5", 0.5), ("1E5", 100_000), ("-0", -0.0), ("0.1", 0.1),
            ("0x1.8p1", 3), ("0xAp0", 10), ("123456789012345678901234567890", 1.2345678901234568e29),
        ] as [(String, Double)])
    func accepted(text: String, expected: Double) {
        let parsed = GoNumbers.parseFloat(text)
        #expect(Fixture.close(parsed, expected, tolerance: 0))
    }

    @Test(
        "ParseFloat rejects what Go rejects",
        arguments: [
            "0x1.8", "+nan", "1e400", "-1e400", ".", "1e", "1__0", "_1", "1_", "infin", " 1", "1 ", "+-1", "",
            "abc", "1_.5", "1._5", "0x", "0xp1", "1e+", "--1", "nan(1)", "0x1p", "1.2.3",
        ])
    func rejected(text: String) {
        #expect(GoNumbers.parseFloat(text) == nil)
    }

    @Test("%f formats like Go")
    func fixed() {
        #expect(GoNumbers.fixed(0.5, precision: 6) == "0.500000")
        #expect(GoNumbers.fixed(-0.0, precision: 6) == "-0.000000")
        #expect(GoNumbers.fixed(1.0000005, precision: 6) == "1.000001")
        #expect(GoNumbers.fixed(.infinity, precision: 6) == "+Inf")
        #expect(GoNumbers.fixed(-.infinity, precision: 6) == "-Inf")
        #expect(GoNumbers.fixed(.nan, precision: 6) == "NaN")
        #expect(GoNumbers.fixed(1e300, precision: 6).count == 308)
    }
}
