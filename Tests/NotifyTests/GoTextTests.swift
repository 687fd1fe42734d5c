import Testing
import TimeSeries

@testable import Notify

@Suite("Go text formats")
struct GoTextTests {
    @Test("times print as Go's RFC3339Nano in UTC with trailing zeros trimmed")
    func rfc3339Nano() {
        #expect(GoTime.rfc3339Nano(milliseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(GoTime.rfc3339Nano(milliseconds: 1_777_889_700_123) == "2026-05-04T10:15:00.123Z")
        #expect(GoTime.rfc3339Nano(milliseconds: 1_777_889_700_100) == "2026-05-04T10:15:00.1Z")
        #expect(GoTime.rfc3339Nano(milliseconds: 951_782_400_005) == "2000-02-29T00:00:00.005Z")
        #expect(GoTime.rfc3339Nano(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(GoTime.rfc3339Millis(milliseconds: 1_777_889_700_000) == "2026-05-04T10:15:00.000Z")
        #expect(GoTime.rfc3339Millis(milliseconds: 1_777_889_700_020) == "2026-05-04T10:15:00.020Z")
    }

    @Test("strconv.Quote, regexp.QuoteMeta, label sets and matchers print like Go")
    func quoting() {
        #expect(GoText.quote("a\"b\\c\n\u{01}é\u{a0}") == #""a\"b\\c\n\x01é\u00a0""#)
        #expect(GoText.quoteMeta("team.x+(1)") == #"team\.x\+\(1\)"#)
        #expect(GoText.labelSet([:]) == "{}")
        #expect(
            GoText.labelSet(["service": "checkout", "alertname": "Leak"]) == #"{alertname="Leak", service="checkout"}"#)
        #expect(GoText.equalityMatchers(["team": "a", "severity": "page"]) == #"{severity="page",team="a"}"#)
    }

    @Test("JSON strings escape like Go's encoder with HTML escaping")
    func jsonEscaping() {
        var json = JSONWriter()
        json.string("<a href=\"x\">&</a>\t\u{08}\u{0C}\u{1F}\u{7F}\u{2028}ü")
        let expected = #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e\t\b\f\u001f"# + "\u{7F}" + #"\u2028ü""#
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }
}
