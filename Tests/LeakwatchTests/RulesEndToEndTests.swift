import Foundation
import PromQL
import Storage
import TestSupport
import Testing
import TimeSeries

@testable import Leakwatch

/// `serve` with rule files: evaluation, `/api/v1/rules`, `/api/v1/alerts`, reload, `/metrics`.
@Suite(.serialized)
struct RulesEndToEndTests {
    private static let goodRules = """
        groups:
          - name: leaks
            interval: 1s
            rules:
              - alert: HeapGrowing
                expr: heap_bytes > 100
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $labels.pod }} heap at {{ $value | humanize1024 }}B"
              - record: pod:heap_bytes:max
                expr: max by (pod) (heap_bytes)
        """

    private func withServer(_ body: (APITestServer, String) throws -> Void) throws {
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        let path = rules.path + "/leaks.yml"
        try Self.goodRules.write(toFile: path, atomically: true, encoding: .utf8)
        // A unit-test file beside the rules must not be loaded as a rule file.
        try "rule_files: [leaks.yml]\ntests: []\n".write(
            toFile: rules.path + "/leaks.test.yml", atomically: true, encoding: .utf8)
        try APITestServer.run(
            evaluator: { store in Engine(querier: store) },
            configure: { $0.ruleFiles = [rules.path + "/*.yml"] }
        ) { server in try body(server, path) }
    }

    @Test("rules are evaluated: the alert fires and shows in /api/v1/alerts and /api/v1/rules, recordings are stored")
    func evaluation() throws {
        try withServer { server, _ in
            let now = nowMilliseconds()
            try server.ingest([
                ("heap_bytes", [("pod", "a")], now - 1_000, 2048), ("heap_bytes", [("pod", "b")], now - 1_000, 50),
            ])
            let client = try server.client()
            #expect(
                try eventually {
                    try client.request("GET", "/api/v1/alerts").text.contains(#""state":"firing""#)
                })
            let alerts = try client.request("GET", "/api/v1/alerts").text
            #expect(alerts.contains(#""alertname":"HeapGrowing""#))
            #expect(alerts.contains(#""summary":"a heap at 2kiB""#))
            #expect(alerts.contains(#""value":"2.048e+03""#))
            #expect(!alerts.contains(#""pod":"b""#))
            let rules = try client.request("GET", "/api/v1/rules").text
            #expect(rules.hasPrefix(#"{"status":"success","data":{"groups":[{"name":"leaks","file":""#))
            #expect(rules.contains(#""query":"heap_bytes \u003e 100""#))
            #expect(rules.contains(#""type":"alerting""#))
            #expect(rules.contains(#""type":"recording""#))
            #expect(rules.contains(#""health":"ok""#))
            let recorded = try client.request("GET", "/api/v1/query?query=pod:heap_bytes:max").text
            #expect(recorded.contains(#""pod":"a""#))
            let onlyRecording = try client.request("GET", "/api/v1/rules?type=record").text
            #expect(!onlyRecording.contains("HeapGrowing"))
            let metrics = try client.request("GET", "/metrics").text
            #expect(metrics.contains("leakwatch_rule_evaluations_total{rule_group="))
            #expect(metrics.contains("leakwatch_rule_last_reload_successful 1"))
        }
    }

    @Test("a bad file on reload keeps the running rules and reports the error; a fixed file is picked up")
    func reload() throws {
        try withServer { server, path in
            let client = try server.client()
            try "groups:\n  - name: leaks\n    rules:\n      - alert: Broken\n        expr: sum(\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            let failed = try client.request("POST", "/-/reload")
            #expect(failed.status == 500)
            #expect(failed.text.contains("could not parse expression"))
            #expect(try client.request("GET", "/api/v1/rules").text.contains("HeapGrowing"))
            #expect(try client.request("GET", "/metrics").text.contains("leakwatch_rule_last_reload_successful 0"))

            try Self.goodRules.replacingOccurrences(of: "HeapGrowing", with: "HeapStillGrowing").write(
                toFile: path, atomically: true, encoding: .utf8)
            #expect(try client.request("POST", "/-/reload").status == 200)
            let rules = try client.request("GET", "/api/v1/rules").text
            #expect(rules.contains("HeapStillGrowing"))
            #expect(!rules.contains(#""name":"HeapGrowing""#))
        }
    }

    @Test("a bad rule file stops the server from starting, with the file's error")
    func badFileAtStart() throws {
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try "groups:\n  - name: x\n    rules:\n      - record: a\n".write(
            toFile: rules.path + "/bad.yml", atomically: true, encoding: .utf8)
        let error = #expect(throws: RuleLoadError.self) {
            try APITestServer.run(configure: { $0.ruleFiles = [rules.path + "/*.yml"] }) { _ in }
        }
        #expect(error?.description.contains("field 'expr' must be set in rule") == true)
        let missing = #expect(throws: RuleLoadError.self) {
            try APITestServer.run(configure: { $0.ruleFiles = [rules.path + "/missing.yml"] }) { _ in }
        }
        #expect(missing?.description.contains("open \(rules.path)/missing.yml: no such file or directory") == true)
    }
}
