import HTTPServer
import Testing

struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain"]
        headers.add("X-Multi", "1")
        headers.add("x-multi", "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers.values(for: "X-MULTI") == ["1", "2"])
        #expect(headers["missing"] == nil)
        #expect(headers.map(\.name) == ["Content-Type", "X-Multi", "x-multi"])
        #expect(headers.count == 3)
        #expect(headers.contains("X-multi"))
    }

    @Test func replaceKeepsThePositionOfTheFirstAndDropsTheRest() {
        var headers = HTTPHeaders([("A", "1"), ("B", "2"), ("a", "3"), ("C", "4")])
        headers.replace("a", "new")
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["A=new", "B=2", "C=4"])
        headers.replace("D", "5")
        #expect(headers["d"] == "5")
    }

    @Test func removeDropsEveryOccurrence() {
        var headers = HTTPHeaders([("A", "1"), ("B", "2"), ("a", "3")])
        headers.remove("A")
        #expect(headers.map(\.name) == ["B"])
        #expect(!headers.isEmpty)
    }

    @Test func caseInsensitivityIsASCIIOnly() {
        let headers = HTTPHeaders([("Stra\u{df}e", "1")])
        #expect(headers["stra\u{df}e"] == "1")
        #expect(headers["STRASSE"] == nil)
    }
}
