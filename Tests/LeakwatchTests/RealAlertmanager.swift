import Foundation
import HTTPServer
import TestSupport

@testable import Leakwatch

/// A real Alertmanager (Debian `prometheus-alertmanager`) on a free loopback port, routing everything to a receiver
/// that drops it, so its API lists what leakwatch sent. For the integration tests; `binary` is nil where it is not
/// installed.
final class RealAlertmanager {
    static let binary = ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Why the tests that need it are skipped.
    static let missing = "Alertmanager is not installed (apt-get install prometheus-alertmanager); .ci/run installs it"

    let port: Int
    private let process: Process
    private let directory: TemporaryDirectory

    /// Starts Alertmanager and waits until it is ready.
    init() throws {
        directory = TemporaryDirectory()
        port = try RealAlertmanager.freePort()
        try "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".write(
            toFile: directory.path + "/am.yml", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(
            fileURLWithPath: try RealAlertmanager.binary ?? { throw CocoaError(.fileNoSuchFile) }())
        process.arguments = [
            "--config.file=\(directory.path)/am.yml", "--storage.path=\(directory.path)/am-data",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? client().request("GET", "/-/ready").status) != 200 {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// The base URL for a receiver of kind `alertmanager`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// A client of its API.
    func client() throws -> LoopbackHTTPClient {
        try LoopbackHTTPClient(port: port)
    }

    /// The alerts its API lists (`/api/v2/alerts`, with `query` appended), as JSON text.
    func alerts(_ query: String = "") throws -> String {
        String(decoding: try client().request("GET", "/api/v2/alerts" + query).body, as: UTF8.self)
    }

    /// Stops Alertmanager and removes its files.
    func stop() {
        process.terminate()
        process.waitUntilExit()
        directory.remove()
    }

    /// A free loopback port: bound by our HTTP server on port 0, read and released.
    private static func freePort() throws -> Int {
        var configuration = HTTPServer.ServerConfiguration()
        configuration.port = 0
        let server = HTTPServer.Server(configuration: configuration, logger: quietLogger) { _ in .text(200, "") }
        try server.start()
        let port = server.port
        server.shutdown(timeout: .seconds(1))
        return port
    }
}
