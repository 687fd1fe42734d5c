import Foundation
import HTTPServer
import Notify
import TestSupport

/// One request a test receiver got, and what it answered.
struct ReceivedRequest: Sendable {
    var key: String
    var body: String
    var status: Int
    var at: Date
}

/// A webhook receiver on 127.0.0.1 port 0 (our own HTTP server) that answers with `answer(request number, request)`
/// and records every request.
final class TestReceiver: Sendable {
    let server: Server
    let requests = Locked<[ReceivedRequest]>([])

    init(answer: @escaping @Sendable (Int, HTTPRequest) -> HTTPResponse) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 2
        let requests = requests
        server = Server(configuration: configuration, logger: quietLogger) { request in
            let number = requests.withLock { $0.count }
            let response = answer(number, request)
            requests.withLock {
                $0.append(
                    ReceivedRequest(
                        key: request.headers["Idempotency-Key"] ?? "",
                        body: String(decoding: request.body, as: UTF8.self),
                        status: response.status, at: Date()))
            }
            return response
        }
        try server.start()
    }

    var url: String { "http://127.0.0.1:\(server.port)/hook" }

    /// Keys answered with a 2xx, in order.
    var delivered: [String] {
        requests.current.filter { (200...299).contains($0.status) }.map(\.key)
    }

    func shutdown() {
        server.shutdown(timeout: .seconds(3))
    }
}
