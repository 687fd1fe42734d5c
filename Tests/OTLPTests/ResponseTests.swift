import OTLP
import Testing

/// Response bodies and content types (reference/otlp.md §1.2–1.3).
@Suite("Responses")
struct ResponseTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
            .joined(separator: " ")
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func fullSuccess() {
        #expect(OTLPResponse.success(.protobuf) == [])
        #expect(ResponseTests.text(OTLPResponse.success(.json)) == "{}")
    }

    @Test func partialSuccessMatchesTheReferenceVector() {
        #expect(
            ResponseTests.hex(OTLPResponse.partialSuccess(rejected: 2, message: "bad", .protobuf))
                == "0A 07 08 02 12 03 62 61 64")
        #expect(
            ResponseTests.text(OTLPResponse.partialSuccess(rejected: 2, message: "bad", .json))
                == #"{"partialSuccess":{"rejectedDataPoints":"2","errorMessage":"bad"}}"#)
    }

    @Test func partialSuccessEdgeCases() {
        #expect(
            ResponseTests.hex(OTLPResponse.partialSuccess(rejected: 0, message: "warn", .protobuf))
                == "0A 06 12 04 77 61 72 6E")
        #expect(
            ResponseTests.text(OTLPResponse.partialSuccess(rejected: 0, message: "warn", .json))
                == #"{"partialSuccess":{"errorMessage":"warn"}}"#)
        #expect(
            ResponseTests.hex(OTLPResponse.partialSuccess(rejected: 300, message: "", .protobuf))
                == "0A 03 08 AC 02")
        #expect(
            ResponseTests.text(OTLPResponse.partialSuccess(rejected: 1, message: "say \"hi\"\n", .json))
                == #"{"partialSuccess":{"rejectedDataPoints":"1","errorMessage":"say \"hi\"\n"}}"#)
        let long = String(repeating: "x", count: 200)
        let body = OTLPResponse.partialSuccess(rejected: 1, message: long, .protobuf)
        #expect(Array(body.prefix(8)) == [0x0A, 0xCD, 0x01, 0x08, 0x01, 0x12, 0xC8, 0x01])
        #expect(body.count == 3 + 2 + 3 + 200)
    }

    @Test func statusBodies() {
        #expect(ResponseTests.hex(OTLPResponse.status(code: 3, message: "bad", .protobuf)) == "08 03 12 03 62 61 64")
        #expect(
            ResponseTests.text(OTLPResponse.status(code: 3, message: "bad \\ body", .json))
                == #"{"code":3,"message":"bad \\ body"}"#)
        #expect(
            ResponseTests.hex(OTLPResponse.status(code: -1, message: "", .protobuf))
                == "08 FF FF FF FF FF FF FF FF FF 01")
        #expect(ResponseTests.text(OTLPResponse.status(code: 0, message: "", .json)) == "{}")
        #expect(
            ResponseTests.text(OTLPResponse.status(code: 14, message: "\u{01}", .json))
                == #"{"code":14,"message":"\u0001"}"#)
    }

    @Test(
        "gRPC codes for HTTP statuses",
        arguments: [
            (400, 3), (401, 16), (403, 7), (404, 12), (429, 8), (502, 14), (503, 14), (504, 14), (500, 2), (413, 2),
            (415, 2), (405, 2),
        ])
    func grpcCodes(status: Int, code: Int32) {
        #expect(OTLPResponse.grpcCode(forHTTPStatus: status) == code)
    }

    @Test(
        "content types",
        arguments: [
            ("application/x-protobuf", OTLPEncoding.protobuf), ("application/json", .json),
            ("Application/JSON; charset=utf-8", .json), (" application/x-protobuf ;foo=bar", .protobuf),
            ("APPLICATION/X-PROTOBUF", .protobuf),
        ])
    func supportedContentTypes(header: String, encoding: OTLPEncoding) {
        #expect(OTLPEncoding(contentType: header) == encoding)
        #expect(OTLPEncoding(contentType: encoding.contentType) == encoding)
    }

    @Test(
        "unsupported content types",
        arguments: [
            "", "text/plain", "application/protobuf", "application/jsonx", "application/x-protobuf2", "json",
            "application/ json",
        ])
    func unsupportedContentTypes(header: String) {
        #expect(OTLPEncoding(contentType: header) == nil)
    }

    @Test func aResponseBodyIsNotARequest() throws {
        // The protobuf partial success is itself a message whose field 1 the metrics decoder would read as
        // resource_metrics; decoding it must fail cleanly rather than crash.
        let body = OTLPResponse.partialSuccess(rejected: 5, message: "m", .protobuf)
        #expect(throws: OTLPDecodeError.self) { try OTLPDecoder.decodeMetrics(body, encoding: .protobuf) }
    }
}
