import Testing
import TimeSeries

@testable import PromQL

/// The Go behaviours PromQL results depend on; expected values were produced with Go's standard library.
@Suite("Go compatibility helpers")
struct GoCompatibilityTests {
    @Test("strconv.FormatFloat(f, 'f', -1, 64)")
    func fixed() {
        #expect(GoFormat.fixed(6) == "6")
        #expect(GoFormat.fixed(0.1) == "0.1")
        #expect(GoFormat.fixed(1e21) == "1000000000000000000000")
        #expect(GoFormat.fixed(1.5e-7) == "0.00000015")
        #expect(GoFormat.fixed(-0.0) == "-0")
        #expect(GoFormat.fixed(123456.789) == "123456.789")
        #expect(GoFormat.fixed(.infinity) == "+Inf")
        #expect(GoFormat.fixed(-.infinity) == "-Inf")
        #expect(GoFormat.fixed(.nan) == "NaN")
        #expect(GoFormat.fixed(1e100) == "1" + String(repeating: "0", count: 100))
    }

    @Test("fmt's %v of a float")
    func general() {
        #expect(GoFormat.general(1e19) == "1e+19")
        #expect(GoFormat.general(-1e19) == "-1e+19")
        #expect(GoFormat.general(123456) == "123456")
        #expect(GoFormat.general(1234567) == "1.234567e+06")
        #expect(GoFormat.general(100000) == "100000")
        #expect(GoFormat.general(1e6) == "1e+06")
        #expect(GoFormat.general(0.0001) == "0.0001")
        #expect(GoFormat.general(0.00001) == "1e-05")
        #expect(GoFormat.general(0.5) == "0.5")
        #expect(GoFormat.general(9_999_999_999) == "9.999999999e+09")
        #expect(GoFormat.general(9.223372036854776e18) == "9.223372036854776e+18")
        #expect(GoFormat.general(0) == "0")
    }

    @Test("strconv.Quote and labels.String()")
    func quoting() {
        #expect(GoQuote.quote("a\nb\"c\\d\u{7f}\u{200b}é😀\t\u{01}") == #""a\nb\"c\\d\x7f\u200bé😀\t\x01""#)
        #expect(GoFormat.labels(.empty) == "{}")
        #expect(GoFormat.labels(["__name__": "up", "job": "a\"b"]) == #"{__name__="up", job="a\"b"}"#)
        #expect(GoFormat.labels(["a-b": "1", "_ok9": "2"]) == #"{_ok9="2", "a-b"="1"}"#)
    }

    @Test("math.Mod, math.Pow and math.Atan2 give Go's bits")
    func math() {
        #expect(GoMath.mod(-7, 3) == -1)
        #expect(GoMath.mod(7, -3) == 1)
        #expect(GoMath.mod(1000, 0.3) == 0.100000000000037)
        #expect(GoMath.mod(2600, 0.3) == 0.2000000000000962)
        #expect(GoMath.mod(5, .infinity) == 5)
        #expect(GoMath.mod(.infinity, 5).isNaN)
        #expect(GoMath.pow(2, 10) == 1024)
        #expect(GoMath.pow(10, -3) == 0.001)
        #expect(GoMath.pow(2, 0.5) == 1.4142135623730951)
        #expect(GoMath.pow(1.1, 300) == 2.617010996188453e+12)
        #expect(GoMath.pow(3, 200) == 2.6561398887587475e+95)
        #expect(GoMath.pow(1.1, 7) == 1.9487171000000012)
        #expect(GoMath.pow(1.3, 13) == 30.28751065922532)
        #expect(GoMath.pow(0.7, -9) == 24.780932222490065)
        #expect(GoMath.pow(3.3, 5) == 391.3539299999999)
        #expect(GoMath.pow(1.0000001, 127) == 1.000012700080017)
        #expect(GoMath.pow(2.2, 100) == 1.7469001504088365e+34)
        #expect(GoMath.pow(-1.7, 11) == -342.7189630763298)
        #expect(GoMath.pow(9.9, 3) == 970.2990000000001)
        #expect(GoMath.pow(-2, 3) == -8)
        #expect(GoMath.pow(-8, 1.0 / 3).isNaN)
        #expect(GoMath.pow(0, -1) == .infinity)
        #expect(GoMath.pow(-0.0, -1) == -.infinity)
        #expect(GoMath.pow(-0.0, 3).sign == .minus)
        #expect(GoMath.pow(.nan, 0) == 1)
        #expect(GoMath.pow(-1, .infinity) == 1)
        #expect(GoMath.pow(0.5, .infinity) == 0)
        #expect(GoMath.pow(-.infinity, 3) == -.infinity)
        #expect(GoMath.pow(-.infinity, -2) == 0)
        #expect(GoMath.pow(2, 2000) == .infinity)
        #expect(GoMath.pow(2, -2000) == 0)
        #expect(GoMath.atan2(10, 20) == 0.4636476090008061)
        #expect(GoMath.atan2(1, -1) == 2.356194490192345)
        #expect(GoMath.atan2(-3, -7) == -2.7367008673047097)
        #expect(GoMath.atan2(1e300, 1e-300) == 1.5707963267948966)
        #expect(GoMath.atan2(0.5, 0.9) == 0.507098504392337)
        #expect(GoMath.atan2(2.4, 1) == 1.176005207095135)
        #expect(GoMath.atan2(-0.0, -1) == -.pi)
        #expect(GoMath.atan2(.infinity, -.infinity) == 2.356194490192345)
    }

    @Test("XXH64 of known inputs and of a label set")
    func xxhash() {
        #expect(XXHash64.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        let labels: Labels = ["__name__": "up", "job": "x"]
        var bytes: [UInt8] = []
        for part in ["__name__", "up", "job", "x"] { bytes += Array(part.utf8) + [0xff] }
        #expect(XXHash64.hash(labels) == XXHash64.hash(bytes))
        #expect(XXHash64.hash(labels) != XXHash64.hash(["__name__": "up", "job": "y"] as Labels))
    }

    @Test("sort.Sort orders ties and NaN as Go does, beyond the insertion-sort size")
    func goSort() {
        // topk(19, …) and bottomk(19, …) over these values, as Prometheus orders them (indexes into the input).
        let values: [Double] = [
            3, 1, .nan, 2, 5, 1, 8, 2, 8, 6, 2, 8, 7, 3, 6, 7, 3, 7, .nan, 3, .nan, 6, 2, 2, 1, 4, 4, 4,
        ]
        let input = values.enumerated().map { VectorSample(labels: ["i": String($0.offset)], value: $0.element) }
        func order(_ op: AggregateOperator) -> [String] {
            let result = try? Aggregation.aggregate(
                op, input: input, grouping: [], without: false, parameter: 19, label: nil)
            return (result ?? []).map { $0.labels["i"]! }
        }
        #expect(order(.topk).joined(separator: ",") == "8,6,11,17,15,12,14,21,9,4,26,27,25,19,13,16,0,10,22")
        #expect(order(.bottomk).joined(separator: ",") == "24,1,5,3,7,22,23,10,19,13,0,16,25,26,27,4,21,14,9")
        let sorted = GoSort.sorted(Array((0..<100).reversed())) { $0 < $1 }
        #expect(sorted == Array(0..<100))
    }
}
