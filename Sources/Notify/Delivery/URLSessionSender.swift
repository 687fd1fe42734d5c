import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `NotificationSender` over URLSession (FoundationNetworking on Linux): http and https, an ephemeral session
/// (no cookies, no cache), one session per sender so a slow receiver's connections never queue another's requests.
public final class URLSessionSender: NotificationSender {
    private let session: URLSession

    /// Creates a sender with its own session.
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// See `NotificationSender.send(_:timeout:)`. The timeout bounds the whole exchange: URLSession's idle timeout
    /// is set to it, and a request still running after it is cancelled and reported as `.timeout`.
    public func send(_ notification: PreparedNotification, timeout: Int64) -> SendResult {
        guard let url = URL(string: notification.url), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else {
            return .connectionError("invalid URL \(notification.url)")
        }
        let seconds = Double(max(1, timeout)) / 1_000
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = "POST"
        for header in notification.headers {
            request.addValue(header.value, forHTTPHeaderField: header.name)
        }
        request.httpBody = Data(notification.body)

        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { _, response, error in
            box.result.withLock { $0 = Self.result(response: response, error: error) }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            _ = done.wait(timeout: .now() + 5)
            return .timeout
        }
        return box.result.withLock { $0 } ?? .connectionError("no answer")
    }

    /// Converts what URLSession reported.
    private static func result(response: URLResponse?, error: (any Error)?) -> SendResult {
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut { return .timeout }
            return .connectionError(error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { return .connectionError("not an HTTP response") }
        return .response(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"))
    }

    /// Hands the result from URLSession's delegate queue to the waiting thread.
    private final class ResultBox: Sendable {
        let result = Mutex<SendResult?>(nil)
    }
}
