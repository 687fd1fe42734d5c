import HTTPServer
import Testing
import TimeSeries

@testable import Leakwatch

/// Parameters decoded and parsed as Prometheus's API does it, with its messages.
struct APIParametersTests {
    // MARK: - Times

    @Test(
        arguments: [
            ("1435781451.781", 1_435_781_451_781), ("1435781451", 1_435_781_451_000), ("-1.5", -1500),
            ("1e3", 1_000_000),
            ("0.0005", 1), ("+2.25", 2250), (".5", 500), ("5.", 5000),
            ("2015-07-01T20:10:51.781Z", 1_435_781_451_781), ("2015-07-01T22:10:51.781+02:00", 1_435_781_451_781),
            ("2015-07-01T15:40:51.781-04:30", 1_435_781_451_781), ("2015-07-01T20:10:51Z", 1_435_781_451_000),
            ("2015-07-01T20:10:51.7819999999Z", 1_435_781_451_781), ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59.5Z", -500), ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ] as [(String, Int64)])
    func timesParse(text: String, milliseconds: Int64) throws {
        #expect(try APIParameters.time(text).milliseconds == milliseconds)
    }

    @Test(arguments: [
        "x", "", "NaN", "Inf", "1e400", "2015-02-29T00:00:00Z", "2015-07-01 20:10:51Z", "2015-07-01T20:10:51",
        "2015-07-01T24:00:00Z", "2015-07-01T20:10:60Z", "2015-07-01T20:10:51.Z", "2015-07-01t20:10:51z",
        "2015-07-01T20:10:51+2:00", "1,5",
    ])
    func badTimesAreRefusedWithPrometheusMessage(text: String) {
        #expect(throws: APIParameters.Failure(reason: "cannot parse \(GoQuote.quote(text)) to a valid timestamp")) {
            try APIParameters.time(text)
        }
    }

    @Test func timesKeepNanosecondsForOrdering() throws {
        let earlier = try APIParameters.time("2015-07-01T20:10:51.7811Z")
        let later = try APIParameters.time("2015-07-01T20:10:51.7812Z")
        #expect(earlier < later)
        #expect(earlier.milliseconds == later.milliseconds)
        #expect(later.nanoseconds(since: earlier) == 100_000)
    }

    @Test func goBoundaryTimesAreAccepted() throws {
        #expect(try APIParameters.time("-292273086-05-16T16:47:06Z") == .min)
        #expect(try APIParameters.time("292277025-08-18T07:12:54.999999999Z") == .max)
        #expect(APITime.min.milliseconds == -9_223_309_901_257_974_000)
        #expect(APITime.max.milliseconds == 9_223_309_901_257_974_999)
    }

    @Test func optionalTimeParametersDefaultAndExplainTheirName() throws {
        let fallback = APITime(milliseconds: 42)
        #expect(try APIParameters.time(FormValues(), "time", default: fallback) == fallback)
        #expect(try APIParameters.time(FormValues([("time", "")]), "time", default: fallback) == fallback)
        #expect(
            throws: APIParameters.Failure(
                reason: "invalid time value for 'start': cannot parse \"yesterday\" to a valid timestamp")
        ) {
            try APIParameters.time(FormValues([("start", "yesterday")]), "start", default: .min)
        }
    }

    // MARK: - Durations and limits

    @Test(
        arguments: [
            ("15s", 15_000_000_000), ("1m", 60_000_000_000), ("1h30m", 5_400_000_000_000), ("500ms", 500_000_000),
            ("0.5", 500_000_000), ("15", 15_000_000_000), ("0", 0), ("-5", -5_000_000_000), ("1e-3", 1_000_000),
        ] as [(String, Int64)])
    func durationsParse(text: String, nanoseconds: Int64) throws {
        #expect(try APIParameters.duration(text) == nanoseconds)
    }

    @Test func badDurationsAreRefusedWithPrometheusMessages() {
        for text in ["x", "", "5m3h", "-5s", "1e400", "15 s"] {
            #expect(throws: APIParameters.Failure(reason: "cannot parse \(GoQuote.quote(text)) to a valid duration")) {
                try APIParameters.duration(text)
            }
        }
        for text in ["1e10", "Inf"] {
            #expect(
                throws: APIParameters.Failure(
                    reason: "cannot parse \(GoQuote.quote(text)) to a valid duration. It overflows int64")
            ) {
                try APIParameters.duration(text)
            }
        }
    }

    @Test func limits() throws {
        #expect(try APIParameters.limit("") == .max)
        #expect(try APIParameters.limit("0") == .max)
        #expect(try APIParameters.limit("5") == 5)
        #expect(throws: APIParameters.Failure(reason: "limit must be non-negative")) { try APIParameters.limit("-1") }
        #expect(throws: APIParameters.Failure(reason: #"strconv.Atoi: parsing "x": invalid syntax"#)) {
            try APIParameters.limit("x")
        }
        #expect(
            throws: APIParameters.Failure(reason: #"strconv.Atoi: parsing "99999999999999999999": value out of range"#)
        ) {
            try APIParameters.limit("99999999999999999999")
        }
    }

    // MARK: - Form decoding

    @Test func queryStringsArePercentAndPlusDecodedWithRepeatedKeys() {
        let request = HTTPRequest(
            method: "GET", target: "/api/v1/series?query=up%7Bjob%3D%22a%22%7D&match[]=a&match%5B%5D=b+c&empty=&flag")
        let form = FormValues(request: request)
        #expect(form["query"] == #"up{job="a"}"#)
        #expect(form.values("match[]") == ["a", "b c"])
        #expect(form["empty"] == "")
        #expect(form.values("flag") == [""])
        #expect(form["absent"] == "")
        #expect(form.problem == nil)
    }

    @Test func formBodiesComeBeforeTheQueryString() {
        let request = HTTPRequest(
            method: "POST", target: "/api/v1/series?match[]=from_url&time=2",
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"],
            body: Array("match%5B%5D=from_body&time=1&query=rate(x%5B5m%5D)+%2F+2".utf8))
        let form = FormValues(request: request)
        #expect(form.values("match[]") == ["from_body", "from_url"])
        #expect(form["time"] == "1")
        #expect(form["query"] == "rate(x[5m]) / 2")
    }

    @Test func otherBodiesAreIgnored() {
        let json = HTTPRequest(
            method: "POST", target: "/api/v1/query?query=a", headers: ["Content-Type": "application/json"],
            body: Array("query=b".utf8))
        #expect(FormValues(request: json)["query"] == "a")
        let get = HTTPRequest(
            method: "GET", target: "/api/v1/query?query=a",
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("query=b".utf8))
        #expect(FormValues(request: get)["query"] == "a")
    }

    @Test func malformedPairsAreSkippedAndTheFirstProblemKept() {
        let form = FormValues(request: HTTPRequest(method: "GET", target: "/x?a=%zz&b=1&c=%4&d=1;e=2"))
        #expect(form["b"] == "1")
        #expect(form["a"] == "")
        #expect(form.problem == #"invalid URL escape "%zz""#)
        let truncated = FormValues(request: HTTPRequest(method: "GET", target: "/x?c=%4"))
        #expect(truncated.problem == #"invalid URL escape "%4""#)
        let semicolon = FormValues(request: HTTPRequest(method: "GET", target: "/x?d=1;e=2"))
        #expect(semicolon.problem == "invalid semicolon separator in query")
    }

    @Test func encodingRoundTrips() throws {
        let original = FormValues([("query", #"sum by (job) (rate(x{a=~"b|c"}[5m])) + 1 & é"#), ("match[]", "a b")])
        var decoded = FormValues()
        decoded.add(encoded: original.encoded)
        #expect(decoded["query"] == original["query"])
        #expect(decoded.values("match[]") == ["a b"])
        #expect(!original.encoded.contains(" "))
    }

    // MARK: - Quoting and label names

    @Test(arguments: [
        ("x", #""x""#), ("a\"b\\", #""a\"b\\""#), ("\n\t", #""\n\t""#), ("\u{1}\u{7f}", #""\x01\x7f""#),
        ("日本 é", "\"日本 é\""), ("\u{a0}", #""\u00a0""#), ("\u{e0001}", #""\U000e0001""#),
    ])
    func goQuote(text: String, expected: String) {
        #expect(GoQuote.quote(text) == expected)
    }

    @Test(arguments: [
        ("U__foo_2e_bar", "foo.bar"), ("U__a__b", "a_b"), ("plain", "plain"), ("U__bad_zz_", "U__bad_zz_"),
        ("U___1F600_", "😀"), ("U__open_41", "U__open_41"), ("U__x_d800_", "U__x_d800_"),
    ])
    func escapedLabelNames(raw: String, name: String) {
        #expect(PrometheusAPI.unescapeLabelName(raw) == name)
    }
}
