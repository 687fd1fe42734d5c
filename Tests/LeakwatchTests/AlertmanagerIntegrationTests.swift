import Foundation
import HTTPServer
import Notify
import PromQL
import TestSupport
import Testing

@testable import Leakwatch

/// leakwatch → a real Alertmanager (Debian `prometheus-alertmanager`): posted alerts show up in its API with the
/// right labels and disappear once resolved. Skipped with a message where Alertmanager is not installed.
@Suite(.serialized)
struct AlertmanagerIntegrationTests {
    static let binary = ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A free loopback port (bound, read and released).
    private static func freePort() throws -> Int {
        let server = HTTPServerProbe()
        return try server.port()
    }

    private func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test(
        "alerts reach a real Alertmanager with their labels and resolve",
        .enabled(
            if: AlertmanagerIntegrationTests.binary != nil,
            "Alertmanager is not installed (apt-get install prometheus-alertmanager); .ci/run installs it"))
    func alertsReachAlertmanager() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let port = try Self.freePort()
        try "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".write(
            toFile: directory.path + "/am.yml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = [
            "--config.file=\(directory.path)/am.yml", "--storage.path=\(directory.path)/am-data",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let alertmanager = { try LoopbackHTTPClient(port: port) }
        #expect(eventually { (try? alertmanager().request("GET", "/-/ready").status) == 200 })

        try """
        groups:
          - name: leaks
            interval: 1s
            rules:
              - alert: HeapGrowing
                expr: heap_bytes > 100
                labels: {severity: page}
                annotations: {summary: "{{ $labels.pod }} heap"}
        """.write(toFile: directory.path + "/leaks.yml", atomically: true, encoding: .utf8)
        try APITestServer.run(
            evaluator: { store in Engine(querier: store) },
            configure: {
                $0.ruleFiles = [directory.path + "/leaks.yml"]
                $0.receivers = [ReceiverConfig(name: "am", kind: .alertmanager, url: "http://127.0.0.1:\(port)")]
                $0.externalLabels = ["cluster": "ci"]
            }
        ) { server in
            try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds() - 500, 2048)])
            var listed = ""
            #expect(
                try eventually {
                    listed = String(decoding: try alertmanager().request("GET", "/api/v2/alerts").body, as: UTF8.self)
                    return listed.contains(#""alertname":"HeapGrowing""#)
                })
            #expect(listed.contains(#""cluster":"ci""#))
            #expect(listed.contains(#""pod":"a""#))
            #expect(listed.contains(#""severity":"page""#))
            #expect(listed.contains(#""summary":"a heap""#))
            #expect(listed.contains(#""state":"active""#))

            // Resolved: leakwatch sends endsAt in the past, Alertmanager stops listing the alert as active.
            try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds(), 10)])
            #expect(
                try eventually {
                    let text = String(
                        decoding: try alertmanager().request("GET", "/api/v2/alerts?active=true").body, as: UTF8.self)
                    return !text.contains("HeapGrowing")
                })
        }
    }
}

/// Finds a free loopback port by binding port 0 with our HTTP server and shutting it down again.
private struct HTTPServerProbe {
    func port() throws -> Int {
        var configuration = HTTPServer.ServerConfiguration()
        configuration.port = 0
        let server = HTTPServer.Server(configuration: configuration, logger: quietLogger) { _ in .text(200, "") }
        try server.start()
        let port = server.port
        server.shutdown(timeout: .seconds(1))
        return port
    }
}
