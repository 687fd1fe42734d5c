import HTTPServer
import Logging
import OTLP
import Storage
import TimeSeries

extension LeakwatchServer {
    /// `POST /v1/metrics`: decode, translate, append durably, answer per OTLP/HTTP.
    func ingest(_ request: HTTPRequest) -> HTTPResponse {
        guard let contentType = request.headers["Content-Type"], let encoding = OTLPEncoding(contentType: contentType)
        else {
            return .text(415, "Unsupported Media Type: use application/x-protobuf or application/json\n")
        }
        func failure(_ status: Int, _ message: String) -> HTTPResponse {
            var response = LeakwatchServer.errorResponse(status, message, request.headers)
            if status == 401 { response.headers.add("WWW-Authenticate", "Bearer") }
            return response
        }
        guard ingestAuth.allows(request.headers["Authorization"]) else {
            return failure(401, "a valid bearer token is required")
        }
        let translation: Translation
        do {
            switch encoding {
            case .protobuf: translation = try translator.translate(protobuf: request.body)
            case .json: translation = translator.translate(try OTLPDecoder.decodeMetrics(request.body, encoding: .json))
            }
        } catch {
            rejectedRequestLog.log { suppressed in
                logger.warning(
                    "rejected an undecodable OTLP request",
                    metadata: [
                        "error": "\(error)", "remote": "\(request.remoteAddress)",
                        "similar_lines_suppressed": "\(suppressed)",
                    ])
            }
            return failure(400, "cannot decode ExportMetricsServiceRequest: \(error)")
        }
        let result: AppendResult
        do {
            result = try store.append(labels: translation.labels, samples: translation.samples)
        } catch let error as StoreError where error.code == .overloaded || error.code == .closed {
            return failure(503, error.message)
        } catch {
            logger.error("append failed", metadata: ["error": "\(error)"])
            return failure(503, "storage failure, retry later: \(error)")
        }
        metrics.recordIngest(
            dataPoints: translation.dataPoints, untranslatable: translation.rejectedDataPoints,
            result: result)
        var headers = HTTPHeaders()
        headers.add("Content-Type", encoding.contentType)
        let rejected = translation.rejectedDataPoints + result.rejectedCount
        guard rejected > 0 else {
            return HTTPResponse(status: 200, headers: headers, body: OTLPResponse.success(encoding))
        }
        var reasons = translation.messages
        if result.rejectedCount > 0 {
            reasons.append("\(result.rejectedCount) samples rejected: \(result.rejectionSummary)")
        }
        let message = reasons.joined(separator: "; ")
        partialSuccessLog.log { suppressed in
            logger.warning(
                "accepted an OTLP export in part",
                metadata: [
                    "rejected": "\(rejected)", "reasons": "\(message)", "remote": "\(request.remoteAddress)",
                    "similar_lines_suppressed": "\(suppressed)",
                ])
        }
        // Store rejections are counted in samples; a histogram point yields several, so cap at the points sent.
        return HTTPResponse(
            status: 200, headers: headers,
            body: OTLPResponse.partialSuccess(
                rejected: min(rejected, max(translation.dataPoints, 1)), message: message, encoding))
    }
}
