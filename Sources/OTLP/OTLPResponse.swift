/// Response bodies of OTLP/HTTP, encoded like the request (reference/otlp.md §1.3).
public enum OTLPResponse {
    /// Full success: an `ExportMetricsServiceResponse` with `partial_success` unset, which is an empty protobuf
    /// body or `{}`.
    public static func success(_ encoding: OTLPEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf: []
        case .json: Array("{}".utf8)
        }
    }

    /// Partial success (still HTTP 200): `ExportMetricsServiceResponse.partial_success` with
    /// `rejected_data_points` (field 1, int64) and `error_message` (field 2). Fields at their default value are
    /// omitted, as proto3 does; the int64 is a string in JSON. `rejected: 2, message: "bad"` encodes as
    /// `0A 07 08 02 12 03 62 61 64` and `{"partialSuccess":{"rejectedDataPoints":"2","errorMessage":"bad"}}`.
    public static func partialSuccess(rejected: Int, message: String, _ encoding: OTLPEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf:
            var inner = ProtobufWriter()
            if rejected != 0 { inner.writeVarintField(1, UInt64(bitPattern: Int64(rejected))) }
            if !message.isEmpty { inner.writeStringField(2, message) }
            var outer = ProtobufWriter()
            outer.writeBytesField(1, inner.bytes)
            return outer.bytes
        case .json:
            var json = "{\"partialSuccess\":{"
            if rejected != 0 { json += "\"rejectedDataPoints\":\"\(rejected)\"" }
            if !message.isEmpty {
                if rejected != 0 { json += "," }
                json += "\"errorMessage\":"
                JSONText.appendQuoted(message, to: &json)
            }
            json += "}}"
            return Array(json.utf8)
        }
    }

    /// A failure body: `google.rpc.Status` with `code` (field 1, int32) and `message` (field 2), defaults omitted.
    /// Use `grpcCode(forHTTPStatus:)` for the code.
    public static func status(code: Int32, message: String, _ encoding: OTLPEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf:
            var writer = ProtobufWriter()
            // int32 is sign-extended to 64 bits on the wire, so negative codes take 10 bytes.
            if code != 0 { writer.writeVarintField(1, UInt64(bitPattern: Int64(code))) }
            if !message.isEmpty { writer.writeStringField(2, message) }
            return writer.bytes
        case .json:
            var json = "{"
            if code != 0 { json += "\"code\":\(code)" }
            if !message.isEmpty {
                if code != 0 { json += "," }
                json += "\"message\":"
                JSONText.appendQuoted(message, to: &json)
            }
            json += "}"
            return Array(json.utf8)
        }
    }

    /// The gRPC status code the Collector puts in a failure body for an HTTP status: 400→3 (InvalidArgument),
    /// 401→16 (Unauthenticated), 403→7 (PermissionDenied), 404→12 (Unimplemented), 429→8 (ResourceExhausted),
    /// 502/503/504→14 (Unavailable), anything else→2 (Unknown).
    public static func grpcCode(forHTTPStatus status: Int) -> Int32 {
        switch status {
        case 400: 3
        case 401: 16
        case 403: 7
        case 404: 12
        case 429: 8
        case 502, 503, 504: 14
        default: 2
        }
    }
}
