import Testing

@testable import PromQL

/// The date functions against `functions.test` and against Go's `time.Unix(int64(v), 0).UTC()` (values produced by
/// a Go program, including negative times and the amd64 conversion of NaN and infinities).
@Suite("Date functions")
struct DateFunctionsTests {
    /// A time and Go's day_of_month, day_of_week, day_of_year, days_in_month, hour, minute, month, year.
    struct Case: Sendable, CustomTestStringConvertible {
        let seconds: Double
        let expected: [Double]

        init(_ seconds: Double, _ expected: [Double]) {
            self.seconds = seconds
            self.expected = expected
        }

        var testDescription: String { "\(seconds)" }
    }

    static let order: [DateFunctions.Function] = [
        .dayOfMonth, .dayOfWeek, .dayOfYear, .daysInMonth, .hour, .minute, .month, .year,
    ]

    static let cases: [Case] = [
        Case(0, [1, 4, 1, 31, 0, 0, 1, 1970]),
        Case(-1, [31, 3, 365, 31, 23, 59, 12, 1969]),
        Case(-0.5, [1, 4, 1, 31, 0, 0, 1, 1970]),
        Case(-1.5, [31, 3, 365, 31, 23, 59, 12, 1969]),
        Case(0.999, [1, 4, 1, 31, 0, 0, 1, 1970]),
        Case(1136239445, [2, 1, 2, 31, 22, 4, 1, 2006]),
        Case(1230767999, [31, 3, 366, 31, 23, 59, 12, 2008]),
        Case(1230768000, [1, 4, 1, 31, 0, 0, 1, 2009]),
        Case(1456790399, [29, 1, 60, 29, 23, 59, 2, 2016]),
        Case(1456790400, [1, 2, 61, 31, 0, 0, 3, 2016]),
        Case(1483191420, [31, 6, 366, 31, 13, 37, 12, 2016]),
        Case(1672493820, [31, 6, 365, 31, 13, 37, 12, 2022]),
        Case(1454284800, [1, 1, 32, 29, 0, 0, 2, 2016]),
        Case(1485907200, [1, 3, 32, 28, 0, 0, 2, 2017]),
        Case(951782400, [29, 2, 60, 29, 0, 0, 2, 2000]),
        Case(4107542400, [1, 1, 60, 31, 0, 0, 3, 2100]),
        Case(-62135596800, [1, 1, 1, 31, 0, 0, 1, 1]),
        Case(-62135596801, [31, 0, 366, 31, 23, 59, 12, 0]),
        Case(253402300800, [1, 6, 1, 31, 0, 0, 1, 10000]),
        Case(-1e11, [15, 4, 46, 28, 14, 13, 2, -1199]),
        Case(1e15, [5, 0, 187, 31, 1, 46, 7, 31690708]),
        Case(-1e15, [29, 0, 180, 30, 22, 13, 6, -31686769]),
        Case(9.2e18, [31, 5, 244, 31, 11, 33, 8, 291536396232]),
        Case(-9.2e18, [3, 2, 123, 31, 12, 26, 5, -291536392293]),
        // int64(NaN), int64(±Inf) and out-of-range values are math.MinInt64 on amd64.
        Case(.nan, [4, 0, 339, 31, 15, 30, 12, 292277026596]),
        Case(.infinity, [4, 0, 339, 31, 15, 30, 12, 292277026596]),
        Case(-.infinity, [4, 0, 339, 31, 15, 30, 12, 292277026596]),
        Case(1e19, [4, 0, 339, 31, 15, 30, 12, 292277026596]),
    ]

    @Test("every date function agrees with Go", arguments: cases)
    func agreesWithGo(_ testCase: Case) {
        let actual = Self.order.map { DateFunctions.value($0, secondsSinceEpoch: testCase.seconds) }
        #expect(actual == testCase.expected)
        let byName = Self.order.map { DateFunctions.value($0.rawValue, secondsSinceEpoch: testCase.seconds) }
        #expect(byName == testCase.expected)
    }

    @Test("names map to functions; an unknown name gives NaN")
    func names() {
        #expect(DateFunctions.Function(rawValue: "days_in_month") == .daysInMonth)
        #expect(DateFunctions.Function.allCases.count == 8)
        #expect(DateFunctions.value("week", secondsSinceEpoch: 0).isNaN)
    }

    @Test("Go's float to int64 conversion truncates and saturates to Int64.min")
    func conversion() {
        #expect(DateFunctions.goInt64(-1.9) == -1)
        #expect(DateFunctions.goInt64(1.9) == 1)
        #expect(DateFunctions.goInt64(-0x1p63) == .min)
        #expect(DateFunctions.goInt64(0x1p63) == .min)
        #expect(DateFunctions.goInt64(.nan) == .min)
        #expect(DateFunctions.goInt64(9.2e18) == 9_200_000_000_000_000_000)
    }

    @Test("whole-second entry point for the argument-less form")
    func unixSeconds() {
        #expect(DateFunctions.value(.year, unixSeconds: 0) == 1970)
        #expect(DateFunctions.value(.hour, unixSeconds: 3000) == 0)
        #expect(DateFunctions.value(.minute, unixSeconds: 3000) == 50)
    }
}
