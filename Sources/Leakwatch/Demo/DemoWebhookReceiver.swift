import Foundation
import HTTPServer
import Logging
import Synchronization

/// A webhook receiver on loopback (port 0) that keeps the JSON payloads posted to it.
final class DemoWebhookReceiver: Sendable {
    /// One received notification: its `status` and the `summary` annotation of its first alert.
    struct Notification: Sendable, Hashable {
        let status: String
        let summary: String
    }

    /// The notifications received so far, shared with the request handler.
    final class Log: Sendable {
        private let notifications = Mutex<[Notification]>([])
        func append(_ notification: Notification) { notifications.withLock { $0.append(notification) } }
        var all: [Notification] { notifications.withLock { $0 } }
    }

    private let server: Server
    private let log = Log()

    /// Starts listening.
    init(logger: Logger) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.workerThreads = 2
        let log = log
        server = Server(configuration: configuration, logger: logger) { request in
            guard request.method == "POST" else { return .text(405, "POST only\n") }
            guard let notification = DemoWebhookReceiver.parse(request.body) else {
                return .text(400, "expected Alertmanager webhook JSON\n")
            }
            log.append(notification)
            return .text(200, "ok\n")
        }
        try server.start()
    }

    /// The URL to configure as the receiver.
    var url: String { "http://127.0.0.1:\(server.port)/hook" }

    /// Everything received so far, in order.
    var received: [Notification] { log.all }

    /// Stops listening.
    func shutdown() {
        server.shutdown(timeout: .seconds(3))
    }

    /// The status and first summary of a webhook v4 payload.
    static func parse(_ body: [UInt8]) -> Notification? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let status = json["status"] as? String
        else { return nil }
        let alerts = json["alerts"] as? [[String: Any]] ?? []
        let summary = (alerts.first?["annotations"] as? [String: String])?["summary"] ?? ""
        return Notification(status: status, summary: summary)
    }
}
