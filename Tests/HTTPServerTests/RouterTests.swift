import HTTPServer
import Testing

struct RouterTests {
    static func router() -> Router {
        var router = Router()
        router.add("GET", "/-/healthy") { _ in .text(200, "healthy") }
        router.add("POST", "/v1/metrics") { _ in .text(200, "ingest") }
        router.add("PUT", "/v1/metrics") { _ in .text(200, "put") }
        router.addPrefix("GET", "/api/v1/label/") { request in .text(200, "label \(request.path)") }
        router.addPrefix("GET", "/api/") { _ in .text(200, "api") }
        router.add("GET", "/api/v1/labels") { _ in .text(200, "labels") }
        return router
    }

    private func answer(_ method: String, _ target: String) -> (Int, String, String?) {
        let response = Self.router().handle(HTTPRequest(method: method, target: target))
        return (response.status, String(decoding: response.body, as: UTF8.self), response.headers["Allow"])
    }

    @Test func exactRoutesMatchWithoutTheQuery() {
        #expect(answer("GET", "/-/healthy?x=1").1 == "healthy")
        #expect(answer("POST", "/v1/metrics").1 == "ingest")
    }

    @Test func unknownPathIs404() {
        #expect(answer("GET", "/nope").0 == 404)
        #expect(answer("GET", "/-/healthy/extra").0 == 404)
    }

    @Test func knownPathWithAnotherMethodIs405WithAllow() {
        let (status, _, allow) = answer("GET", "/v1/metrics")
        #expect(status == 405)
        #expect(allow == "POST, PUT")
        #expect(answer("DELETE", "/-/healthy").2 == "GET, HEAD")
    }

    @Test func longestPrefixWinsAndExactBeatsPrefix() {
        #expect(answer("GET", "/api/v1/label/job/values").1 == "label /api/v1/label/job/values")
        #expect(answer("GET", "/api/v1/query").1 == "api")
        #expect(answer("GET", "/api/v1/labels").1 == "labels")
        #expect(answer("POST", "/api/v1/query").0 == 405)
    }

    @Test func headFallsBackToGet() {
        #expect(answer("HEAD", "/-/healthy").0 == 200)
        #expect(answer("HEAD", "/v1/metrics").0 == 405)
    }
}
