import HTTPServer

/// Prometheus's JSON response envelope: `{"status":"success","data":…,"warnings":[…]}` or
/// `{"status":"error","errorType":"…","error":"…"}`, as `application/json`, gzip-compressed when the client accepts
/// it and the body is worth compressing.
enum APIEnvelope {
    /// Bodies smaller than this are sent uncompressed.
    static let compressionThreshold = 1024

    /// The success envelope around `data` (JSON text); `warnings` appear only when there are some.
    static func success(data: [UInt8], warnings: [String]) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"status\":\"success\",\"data\":")
        writer.raw(bytes: data)
        if !warnings.isEmpty {
            writer.raw(",\"warnings\":")
            writer.strings(warnings)
        }
        writer.raw("}")
        return writer.bytes
    }

    /// The error envelope.
    static func error(_ error: APIError) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"status\":\"error\",\"errorType\":")
        writer.string(error.kind.rawValue)
        writer.raw(",\"error\":")
        writer.string(error.message)
        writer.raw("}")
        return writer.bytes
    }

    /// An HTTP response with `body`, compressed when `acceptEncoding` allows gzip.
    static func response(status: Int, body: [UInt8], acceptEncoding: String?) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        var body = body
        if body.count >= compressionThreshold, acceptsGzip(acceptEncoding) {
            body = Gzip.compress(body)
            headers.add("Content-Encoding", "gzip")
            headers.add("Vary", "Accept-Encoding")
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// The response for an error; 503s carry `Retry-After`, 401s `WWW-Authenticate`.
    static func response(_ error: APIError, acceptEncoding: String?) -> HTTPResponse {
        var response = response(status: error.status, body: APIEnvelope.error(error), acceptEncoding: acceptEncoding)
        if error.status == 503 { response.headers.add("Retry-After", "1") }
        if error.status == 401 { response.headers.add("WWW-Authenticate", "Bearer") }
        return response
    }

    /// Whether an `Accept-Encoding` value lists `gzip` (or `*`) without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            let coding = parts.first?.trimmingASCIIWhitespace().lowercased() ?? ""
            guard coding == "gzip" || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { parameter in
                let pair = parameter.trimmingASCIIWhitespace().lowercased()
                return pair.hasPrefix("q=") && (Double(pair.dropFirst(2)) ?? 1) == 0
            }
            if !refused { return true }
        }
        return false
    }
}
