import Foundation
import HTTPServer
import Notify
import OTLP
import PromQL
import TestSupport
import Testing

@testable import Leakwatch

/// The real OpenTelemetry Python SDK exports to `leakwatch serve` (fixtures/otlp/sdk_e2e.py): the stored values equal
/// what the SDK recorded, and a leak rule over the exported gauge fires to a webhook, and to a real Alertmanager.
/// Skipped with a message where the SDK (or Alertmanager) is not installed.
@Suite(.serialized)
struct PythonSDKEndToEndTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/otlp/sdk_e2e.py").path

    /// The leak rule both tests load: fires for a heap gauge above 1,000 (pod "a" exports 2048, pod "b" 512.5).
    static let leakRules = """
        groups:
          - name: sdk-leaks
            interval: 1s
            rules:
              - alert: SDKHeapHigh
                expr: sdk_e2e_heap_bytes > 1000
                labels: {severity: page}
                annotations: {summary: "{{ $labels.pod }} heap {{ $value }}"}
        """

    /// Whether `python3` can import the SDK and its OTLP/HTTP exporter.
    static let sdkInstalled: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import opentelemetry.sdk, opentelemetry.exporter.otlp.proto.http"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Runs the script against `port`; returns its exit status, stdout and stderr.
    private func runScript(port: Int) throws -> (status: Int32, output: String, errors: String) {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let outputPath = directory.path + "/stdout"
        let errorsPath = directory.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--endpoint", "http://127.0.0.1:\(port)"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        )
    }

    /// The instant-vector result of `query` as (labels, value) pairs.
    private func vector(_ server: APITestServer, _ query: String) throws -> [([String: String], String)] {
        try vector(try server.client(), query)
    }

    /// The instant-vector result of `query` through `client` as (labels, value) pairs.
    private func vector(_ client: LoopbackHTTPClient, _ query: String) throws -> [([String: String], String)] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let response = try client.request("GET", "/api/v1/query?query=\(encoded)")
        #expect(response.status == 200, "\(response.text)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["resultType"] as? String == "vector")
        let result = try #require(data["result"] as? [[String: Any]])
        return try result.map { entry in
            let labels = try #require(entry["metric"] as? [String: String])
            let value = try #require(entry["value"] as? [Any])
            return (labels, try #require(value.last as? String))
        }
    }

    @Test(
        "values exported by the OpenTelemetry Python SDK are stored exactly and a leak rule over them fires",
        .enabled(
            if: PythonSDKEndToEndTests.sdkInstalled,
            """
            the OpenTelemetry Python SDK is not importable by python3 \
            (pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http); .ci/run installs it
            """))
    func sdkExportsReachLeakwatch() throws {
        let receiver = try NotificationsEndToEndTests.Receiver()
        defer { receiver.server.shutdown(timeout: .seconds(3)) }
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try PythonSDKEndToEndTests.leakRules.write(toFile: rules.path + "/leaks.yml", atomically: true, encoding: .utf8)
        // The real `leakwatch serve` executable, configured by file as a user would.
        try """
        data_dir: \(rules.path)/data
        rule_files: ["\(rules.path)/*.yml"]
        receivers:
          - name: oncall
            type: webhook
            url: \(receiver.url)
            group_wait: 200ms
        """.write(toFile: rules.path + "/leakwatch.conf", atomically: true, encoding: .utf8)
        try #require(
            FileManager.default.isExecutableFile(atPath: ServeProcess.executable),
            "build the leakwatch executable: \(ServeProcess.executable)")
        let serve = try ServeProcess(["--config", rules.path + "/leakwatch.conf"])
        defer { serve.stop() }
        #expect(serve.startupLog.contains("rules loaded"), "\(serve.startupLog)")
        do {
            let server = try serve.client()
            let run = try runScript(port: serve.port)
            #expect(run.status == 0, "sdk_e2e.py failed:\n\(run.output)\(run.errors)")
            #expect(run.output.contains("protobuf: force_flush=True exports=['SUCCESS'"), "\(run.output)")

            let heap = try vector(server, "sdk_e2e_heap_bytes").sorted { $0.0["pod"] ?? "" < $1.0["pod"] ?? "" }
            #expect(heap.map(\.0["pod"]) == ["a", "b"])
            #expect(heap.map(\.1) == ["2048", "512.5"])
            #expect(heap.allSatisfy { $0.0["job"] == "sdk-e2e" && $0.0["instance"] == "i-1" })
            let requests = try vector(server, "sdk_e2e_requests")
            #expect(requests.count == 1)
            #expect(requests.first?.0["route"] == "/leak")
            #expect(requests.first?.1 == "7")
            #expect(try vector(server, "sdk_e2e_queue_depth").map(\.1) == ["-3"])

            #expect(eventually { !receiver.received.isEmpty })
            let first = try #require(receiver.received.first)
            let json = try #require(JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
            #expect(json["status"] as? String == "firing")
            let alerts = try #require(json["alerts"] as? [[String: Any]])
            #expect(alerts.count == 1)
            let labels = try #require(alerts.first?["labels"] as? [String: String])
            #expect(labels["alertname"] == "SDKHeapHigh")
            #expect(labels["pod"] == "a")
            #expect(labels["job"] == "sdk-e2e")
            #expect((alerts.first?["annotations"] as? [String: String])?["summary"] == "a heap 2048")
        }
    }

    @Test(
        "the same export fires a leak rule whose alert a real Alertmanager lists, then resolves",
        .enabled(if: PythonSDKEndToEndTests.sdkInstalled, "the OpenTelemetry Python SDK is not importable by python3"),
        .enabled(if: RealAlertmanager.binary != nil, Comment(rawValue: RealAlertmanager.missing)))
    func sdkExportsReachAlertmanager() throws {
        let alertmanager = try RealAlertmanager()
        defer { alertmanager.stop() }
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try PythonSDKEndToEndTests.leakRules.write(toFile: rules.path + "/leaks.yml", atomically: true, encoding: .utf8)
        try APITestServer.run(
            evaluator: { store in Engine(querier: store) },
            configure: {
                $0.ruleFiles = [rules.path + "/*.yml"]
                $0.receivers = [ReceiverConfig(name: "am", kind: .alertmanager, url: alertmanager.url)]
            }
        ) { server in
            let run = try runScript(port: server.server.port)
            #expect(run.status == 0, "sdk_e2e.py failed:\n\(run.output)\(run.errors)")
            var listed = ""
            #expect(
                try eventually(20) {
                    listed = try alertmanager.alerts()
                    return listed.contains(#""alertname":"SDKHeapHigh""#)
                })
            #expect(listed.contains(#""pod":"a""#))
            #expect(listed.contains(#""job":"sdk-e2e""#))
            #expect(listed.contains(#""summary":"a heap 2048""#))
            #expect(!listed.contains(#""pod":"b""#))  // 512.5 is under the threshold

            // The leak stops: a new value under the threshold, on the very series the SDK created, resolves it.
            let series = try #require(try vector(server, #"sdk_e2e_heap_bytes{pod="a"}"#).first?.0)
            var builder = OTLPRequestBuilder(resource: [
                ("service.name", series["job"] ?? ""), ("service.instance.id", series["instance"] ?? ""),
            ])
            let attributes = series.filter { !["__name__", "job", "instance"].contains($0.key) }
                .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            builder.addGauge(
                "sdk_e2e_heap_bytes", [.init(attributes: attributes, timestamp: nowMilliseconds(), value: 10)])
            let response = try server.client().request(
                "POST", "/v1/metrics", headers: [("Content-Type", "application/x-protobuf")], body: builder.encoded())
            #expect(response.status == 200)
            #expect(try vector(server, "sdk_e2e_heap_bytes > 1000").isEmpty)
            #expect(try eventually(20) { !(try alertmanager.alerts("?active=true")).contains("SDKHeapHigh") })
        }
    }
}
