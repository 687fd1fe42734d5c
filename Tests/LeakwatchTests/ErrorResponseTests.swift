import HTTPServer
import Testing

@testable import Leakwatch

/// Errors leakwatch answers itself: OTLP clients get a google.rpc.Status in their encoding, and 503 says when to retry.
struct ErrorResponseTests {
    @Test func overloadAnswersOTLPClientsWithStatusAndRetryAfter() {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-protobuf")
        let response = LeakwatchServer.errorResponse(503, "append queue is full", headers)
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "1")
        #expect(response.headers["Content-Type"] == "application/x-protobuf")
        // google.rpc.Status: code 14 (UNAVAILABLE), then the message.
        #expect(Array(response.body.prefix(2)) == [0x08, 14])
        #expect(String(decoding: response.body, as: UTF8.self).contains("append queue is full"))
    }

    @Test func jsonClientsGetJSONAndOthersPlainText() {
        var json = HTTPHeaders()
        json.add("Content-Type", "application/json; charset=utf-8")
        let jsonResponse = LeakwatchServer.errorResponse(413, "request body is larger than 65536 bytes", json)
        #expect(jsonResponse.headers["Content-Type"] == "application/json")
        #expect(String(decoding: jsonResponse.body, as: UTF8.self).contains("\"message\""))
        #expect(jsonResponse.headers["Retry-After"] == nil)
        let plain = LeakwatchServer.errorResponse(431, "request header fields are too large", nil)
        #expect(plain.headers["Content-Type"]?.hasPrefix("text/plain") == true)
    }
}
