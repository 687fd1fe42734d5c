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

    @Test(
        "alerts reach a real Alertmanager with their labels and resolve",
        .enabled(if: RealAlertmanager.binary != nil, Comment(rawValue: RealAlertmanager.missing)))
    func alertsReachAlertmanager() throws {
        let alertmanager = try RealAlertmanager()
        defer { alertmanager.stop() }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
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
                $0.receivers = [ReceiverConfig(name: "am", kind: .alertmanager, url: alertmanager.url)]
                $0.externalLabels = ["cluster": "ci"]
            }
        ) { server in
            try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds() - 500, 2048)])
            var listed = ""
            #expect(
                try eventually {
                    listed = try alertmanager.alerts()
                    return listed.contains(#""alertname":"HeapGrowing""#)
                })
            #expect(listed.contains(#""cluster":"ci""#))
            #expect(listed.contains(#""pod":"a""#))
            #expect(listed.contains(#""severity":"page""#))
            #expect(listed.contains(#""summary":"a heap""#))
            #expect(listed.contains(#""state":"active""#))

            // Resolved: leakwatch sends endsAt in the past, Alertmanager stops listing the alert as active.
            try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds(), 10)])
            #expect(try eventually { !(try alertmanager.alerts("?active=true")).contains("HeapGrowing") })
        }
    }
}
