import HTTPServer

extension PrometheusAPI {
    /// The exact API paths (for the request counters in `/metrics`).
    static let exactPaths: [String] = [
        "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels", "/api/v1/query_exemplars",
        "/api/v1/metadata", "/api/v1/status/buildinfo",
    ]
    /// The prefix of `/api/v1/label/<name>/values`.
    static let labelValuesPrefix = "/api/v1/label/"
    /// How `/api/v1/label/<name>/values` is counted in `/metrics`, whatever the name.
    static let labelValuesMetricsPath = "/api/v1/label/:name/values"

    /// Registers every API route on `router`; each request must pass `auth` first.
    func register(on router: inout Router, auth: BearerAuth) {
        func add(_ methods: [String], _ path: String, _ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
            for method in methods {
                router.add(method, path) { request in
                    guard auth.allows(request.headers["Authorization"]) else {
                        return PrometheusAPI.unauthorized(request)
                    }
                    return body(request)
                }
            }
        }
        let both = ["GET", "POST"]
        add(both, "/api/v1/query") { request in
            let response = respond(request) { form throws(APIError) in
                PrometheusAPI.payload(try instantQuery(form))
            }
            reclaimer?.queryFinished()
            return response
        }
        add(both, "/api/v1/query_range") { request in
            let response = respond(request) { form throws(APIError) in
                PrometheusAPI.payload(try rangeQuery(form))
            }
            reclaimer?.queryFinished()
            return response
        }
        add(both, "/api/v1/series") { request in
            respond(request) { form throws(APIError) in
                let (series, warnings) = try series(form)
                var payload = Payload(warnings: warnings)
                payload.data.raw("[")
                for (index, labels) in series.enumerated() {
                    if index > 0 { payload.data.raw(",") }
                    payload.data.labels(labels)
                }
                payload.data.raw("]")
                return payload
            }
        }
        add(both, "/api/v1/labels") { request in
            respond(request) { form throws(APIError) in
                let (names, warnings) = try labelNames(form)
                var payload = Payload(warnings: warnings)
                payload.data.strings(names)
                return payload
            }
        }
        router.addPrefix("GET", PrometheusAPI.labelValuesPrefix) { request in
            guard auth.allows(request.headers["Authorization"]) else { return PrometheusAPI.unauthorized(request) }
            let rest = request.path.dropFirst(PrometheusAPI.labelValuesPrefix.count)
            let rawName = rest.dropLast("/values".count)
            guard rest.hasSuffix("/values"), !rawName.contains("/") else {
                return .text(404, "not found: \(request.path)\n")
            }
            return respond(request) { form throws(APIError) in
                let name: String
                do throws(FormValues.EscapeError) {
                    name = try FormValues.unescape(rawName, plusIsSpace: false)
                } catch {
                    throw APIError(.badData, error.message)
                }
                let (values, warnings) = try labelValues(name, form)
                var payload = Payload(warnings: warnings)
                payload.data.strings(values)
                return payload
            }
        }
        add(both, "/api/v1/query_exemplars") { request in
            respond(request) { form throws(APIError) in try exemplars(form) }
        }
        add(["GET"], "/api/v1/metadata") { request in
            respond(request) { form throws(APIError) in metadata(form) }
        }
        add(["GET"], "/api/v1/status/buildinfo") { request in
            respond(request) { _ throws(APIError) in buildInfo() }
        }
    }

    /// Decodes the request's parameters, runs `body` and wraps its answer or error in the envelope.
    func respond(_ request: HTTPRequest, _ body: (FormValues) throws(APIError) -> Payload) -> HTTPResponse {
        let acceptEncoding = request.headers["Accept-Encoding"]
        do {
            let payload = try body(FormValues(request: request))
            return APIEnvelope.response(
                status: 200, body: APIEnvelope.success(data: payload.data.bytes, warnings: payload.warnings),
                acceptEncoding: acceptEncoding)
        } catch {
            return APIEnvelope.response(error, acceptEncoding: acceptEncoding)
        }
    }

    /// A query result as the `data` payload.
    static func payload(_ result: QueryResult) -> Payload {
        var payload = Payload(warnings: result.warnings)
        payload.data.queryData(result.value)
        return payload
    }

    /// 401 in the API's envelope.
    static func unauthorized(_ request: HTTPRequest) -> HTTPResponse {
        APIEnvelope.response(
            APIError(.unauthorized, "a valid bearer token is required"),
            acceptEncoding: request.headers["Accept-Encoding"])
    }
}
