import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The CLI's HTTP client for the query API: one form-encoded POST (what Grafana sends), answered with the body.
enum QueryHTTP {
    /// How long to wait for an answer: longer than the engine's own 2-minute query timeout.
    static let timeout: TimeInterval = 150

    /// POSTs `form` to `url` + `path` and returns the response body of any API answer (success or error
    /// envelope); a response that is not the API's JSON, or no response, is a failure.
    static func post(url: String, path: String, form: FormValues, token: String?) throws(QueryClient.Failure) -> Data {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        guard let endpoint = URL(string: base + path), let scheme = endpoint.scheme?.lowercased(),
            scheme == "http" || scheme == "https", endpoint.host != nil
        else {
            throw QueryClient.Failure("invalid --url \(url): expected e.g. http://127.0.0.1:4318")
        }
        var request = URLRequest(url: endpoint, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(form.encoded.utf8)

        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request) { data, response, error in
            let status = (response as? HTTPURLResponse)?.statusCode
            let contentType = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")
            outcome.value.withLock {
                $0 = Answer(
                    status: status, contentType: contentType, body: data ?? Data(),
                    error: error.map { $0.localizedDescription })
            }
            done.signal()
        }.resume()
        done.wait()
        guard let answer = outcome.value.withLock({ $0 }) else {
            throw QueryClient.Failure("no answer from \(endpoint.absoluteString)")
        }
        if let error = answer.error {
            throw QueryClient.Failure("cannot reach \(endpoint.absoluteString): \(error)")
        }
        let status = answer.status ?? 0
        guard answer.contentType?.lowercased().hasPrefix("application/json") == true else {
            let text = String(decoding: answer.body.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw QueryClient.Failure(
                "\(endpoint.absoluteString) answered HTTP \(status)" + (text.isEmpty ? "" : ": \(text)"))
        }
        return answer.body
    }

    private struct Answer: Sendable {
        let status: Int?
        let contentType: String?
        let body: Data
        let error: String?
    }

    /// Hands the answer from URLSession's delegate queue to the waiting thread.
    private final class Outcome: Sendable {
        let value = Mutex<Answer?>(nil)
    }
}
