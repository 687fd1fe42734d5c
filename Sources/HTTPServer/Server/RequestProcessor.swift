/// Runs on worker threads: decompresses the body, calls the handler, reports the exchange. Also builds the
/// server's own error responses for the event loop.
struct RequestProcessor: Sendable {
    let handler: HTTPHandler
    let errorResponder: HTTPErrorResponder?
    let observer: (@Sendable (HTTPExchange) -> Void)?
    let maxBodyBytes: Int
    let retryAfterSeconds: Int

    /// Answers one request.
    func process(_ item: WorkItem) -> WorkResult {
        var request = item.request
        let wireBytes = request.body.count
        var response: HTTPResponse
        do {
            if item.contentCoding == .gzip {
                request.body = try Gzip.decompress(request.body, limit: maxBodyBytes)
                request.headers.remove("Content-Encoding")
            }
            response = handler(request)
        } catch let error as GzipError {
            let status = error.code == .limitExceeded ? 413 : 400
            response = errorResponse(status, error.message, request.headers)
        } catch {
            response = errorResponse(400, "\(error)", request.headers)
        }
        observe(request.method, request.path, response.status, wireBytes, since: item.receivedAt)
        return WorkResult(
            connectionID: item.connectionID, response: response, isHEAD: request.method == "HEAD",
            keepAlive: item.keepAlive && !HTTPResponseEncoder.requestsClose(response),
            announceKeepAlive: item.isHTTP10)
    }

    /// The response for an error the server detected: from `errorResponder`, or `text/plain`; 503s get
    /// `Retry-After`.
    func errorResponse(_ status: Int, _ message: String, _ headers: HTTPHeaders?) -> HTTPResponse {
        var response = errorResponder?(status, message, headers) ?? .text(status, message + "\n")
        response.status = status
        if status == 503, !response.headers.contains("Retry-After") {
            response.headers.add("Retry-After", String(retryAfterSeconds))
        }
        return response
    }

    /// Reports one response to the observer.
    func observe(_ method: String, _ path: String, _ status: Int, _ bodyBytes: Int, since: ContinuousClock.Instant) {
        guard let observer else { return }
        observer(
            HTTPExchange(
                method: method, path: path, status: HTTPResponseEncoder.effectiveStatus(status),
                requestBodyBytes: bodyBytes, duration: .now - since))
    }
}
