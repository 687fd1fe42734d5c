import HTTPServer
import Testing

struct HTTPRequestTests {
    @Test(
        arguments: [
            ("/", "/", nil),
            ("/api/v1/query?query=up", "/api/v1/query", "query=up"),
            ("/a?", "/a", ""),
            ("/a?b?c", "/a", "b?c"),
            ("/%2Fx?y=%20", "/%2Fx", "y=%20"),
            ("http://example.com:4318/v1/metrics?x=1", "/v1/metrics", "x=1"),
            ("http://example.com", "/", nil),
            ("http://example.com?q", "/", "q"),
            ("*", "*", nil),
        ] as [(String, String, String?)])
    func targetSplitsIntoPathAndQuery(target: String, path: String, query: String?) {
        let request = HTTPRequest(method: "GET", target: target)
        #expect(request.path == path)
        #expect(request.query == query)
    }
}
