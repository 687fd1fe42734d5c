import Foundation
import Leakwatch
import Notify
import OTLP
import Storage
import Testing

struct ConfigTests {
    @Test func emptyFileMeansDefaults() throws {
        let config = try LeakwatchConfig.parse("")
        #expect(config == LeakwatchConfig())
        #expect(config.listenAddress == "127.0.0.1:4318")
        #expect(config.dataDirectory == "./data")
        #expect(config.retentionMilliseconds == 15 * 86_400_000)
        #expect(config.ingestTokens.isEmpty)
        #expect(config.ruleFiles == ["rules/*.yml"])
        #expect(config.evaluationIntervalMilliseconds == 60_000)
        #expect(config.effectiveExternalURL == "http://127.0.0.1:4318")
    }

    @Test func documentedShapeParses() throws {
        let config = try LeakwatchConfig.parse(
            """
            listen: 0.0.0.0:9090
            data_dir: /var/lib/leakwatch
            retention: 30d
            storage: {fsync: always}
            otlp:
              naming: prometheus
              promote_resource_attributes: all
              max_body_bytes: 16MiB
            auth:
              ingest_tokens: [secret-a]
              api_tokens: [secret-b, secret-c]
            limits:
              max_series: 5000
              max_series_per_metric: 100
            evaluation_interval: 30s
            rule_files: ["rules/*.yml", /etc/leakwatch/extra.yml]
            external_url: https://leakwatch.example/
            external_labels: {cluster: prod-eu}
            """)
        #expect(config.evaluationIntervalMilliseconds == 30_000)
        #expect(config.ruleFiles == ["rules/*.yml", "/etc/leakwatch/extra.yml"])
        #expect(config.effectiveExternalURL == "https://leakwatch.example")
        #expect(config.externalLabels == ["cluster": "prod-eu"])
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 9090)
        #expect(config.dataDirectory == "/var/lib/leakwatch")
        #expect(config.retentionMilliseconds == 30 * 86_400_000)
        #expect(config.durability == .always)
        #expect(config.naming == .prometheus)
        #expect(config.promotedResourceAttributes == .all)
        #expect(config.maxBodyBytes == 16 << 20)
        #expect(config.ingestTokens == ["secret-a"])
        #expect(config.apiTokens == ["secret-b", "secret-c"])
        #expect(config.storeOptions.maxSeries == 5000)
        #expect(config.storeOptions.maxSeriesPerMetric == 100)
        #expect(config.storeOptions.durability == .always)
    }

    @Test(arguments: [
        ("listen: \":4318\"", "0.0.0.0", 4318), ("listen: \"[::1]:4000\"", "::1", 4000),
        ("listen: localhost:0", "localhost", 0),
    ])
    func listenAddressesParse(yaml: String, host: String, port: Int) throws {
        let config = try LeakwatchConfig.parse(yaml)
        #expect(config.host == host)
        #expect(config.port == port)
    }

    @Test(arguments: [
        ("listen: 1.2.3.4", "1:9: listen: expected host:port"),
        ("listen: \"x:99999\"", "1:9: listen: port must be 0–65535"),
        ("retention: soon", "1:12: retention: must be a duration such as 15d"),
        ("retention: 0", "retention: must be a duration"),
        ("storage:\n  fsync: sometimes", "2:10: storage.fsync: must be `normal` or `always`"),
        ("storage:\n  sync: always", "2:9: storage.sync: unknown key"),
        ("otlp:\n  naming: dots", "2:11: otlp.naming: must be `underscores` or `prometheus`"),
        ("otlp:\n  max_body_bytes: 12", "otlp.max_body_bytes: must be a size of at least 1KiB"),
        ("limits:\n  max_series: -1", "limits.max_series: must be a positive integer"),
        ("auth:\n  ingest_tokens: secret", "auth.ingest_tokens: must be a list"),
        ("auth:\n  ingest_tokens: [\"a b\"]", "auth.ingest_tokens[0]: a token must not contain spaces"),
        ("rule_files: a.yml", "1:13: rule_files: must be a list"),
        ("evaluation_interval: 0", "evaluation_interval: must be a duration"),
        ("external_url: ftp://x", "external_url: must be an http:// or https:// URL"),
        ("external_labels:\n  1a: x", "external_labels.1a: invalid label name"),
        ("lisen: 1.2.3.4:1", "1:8: lisen: unknown key"),
        ("retention: 1d\nretention: 2d", "retention: repeated key"),
        ("- a\n- b", "the config must be a mapping"),
        ("listen: [unclosed", "YAML:"),
    ])
    func badConfigNamesFileLineColumnAndKey(yaml: String, expected: String) {
        let error = #expect(throws: ConfigError.self) { try LeakwatchConfig.parse(yaml, file: "leakwatch.yml") }
        #expect(error?.description.hasPrefix("leakwatch.yml:") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error)) lacks \(expected)")
    }

    @Test func documentedReceiversParse() throws {
        let config = try LeakwatchConfig.parse(
            """
            receivers:
              - name: oncall
                type: webhook
                url: https://hooks.example/alert
                match: {severity: critical}
                group_by: [alertname, service_name]
                group_wait: 0s
                group_interval: 5m
                repeat_interval: 4h
                send_resolved: false
                max_alerts: 20
                headers: {X-Team: payments}
                bearer_token: t0k3n
                hmac_secret: s3cr3t
                timeout: 3s
                max_retry_duration: 1h
              - name: am
                type: alertmanager
                url: http://127.0.0.1:9093
                basic_auth: {username: u, password: p}
              - name: defaults
                type: webhook
                url: http://[::1]:8080/hook
            """)
        var oncall = ReceiverConfig(name: "oncall", kind: .webhook, url: "https://hooks.example/alert")
        oncall.match = ["severity": "critical"]
        oncall.groupBy = ["alertname", "service_name"]
        oncall.groupWait = 0
        oncall.groupInterval = 300_000
        oncall.repeatInterval = 14_400_000
        oncall.sendResolved = false
        oncall.maxAlerts = 20
        oncall.headers = ["X-Team": "payments"]
        oncall.authentication = .bearer("t0k3n")
        oncall.hmacSecret = "s3cr3t"
        oncall.timeout = 3_000
        oncall.maxRetryDuration = 3_600_000
        var alertmanager = ReceiverConfig(name: "am", kind: .alertmanager, url: "http://127.0.0.1:9093")
        alertmanager.authentication = .basic(username: "u", password: "p")
        let defaults = ReceiverConfig(name: "defaults", kind: .webhook, url: "http://[::1]:8080/hook")
        #expect(config.receivers == [oncall, alertmanager, defaults])
        #expect(defaults.groupBy == ["alertname"] && defaults.groupWait == 30_000 && defaults.sendResolved)
        #expect(defaults.timeout == 10_000 && defaults.maxRetryDuration == 86_400_000 && defaults.authentication == nil)
        #expect(try LeakwatchConfig.parse("receivers: []").receivers.isEmpty)
        #expect(LeakwatchConfig().receivers.isEmpty)
    }

    @Test(arguments: [
        ("receivers: {a: b}", "1:12: receivers: must be a list"),
        ("receivers: [x]", "1:13: receivers[0]: must be a mapping"),
        ("receivers:\n  - type: webhook\n    url: http://h", "2:5: receivers[0].name: is required"),
        ("receivers:\n  - {name: a, url: http://h}", "receivers[0].type: is required"),
        ("receivers:\n  - {name: a, type: webhook}", "receivers[0].url: is required"),
        ("receivers:\n  - {name: '', type: webhook, url: http://h}", "receivers[0].name: must not be empty"),
        (
            "receivers:\n  - {name: a, type: slack, url: http://h}",
            "2:21: receivers[0].type: must be `webhook` or `alertmanager`, not `slack`"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h}\n  - {name: a, type: webhook, url: http://h}",
            "3:12: receivers[1].name: `a` is already used by receivers[0]"
        ),
        ("receivers:\n  - {name: a, type: webhook, url: ftp://h}", "receivers[0].url: must be an http:// or https://"),
        ("receivers:\n  - {name: a, type: webhook, url: hooks.example}", "receivers[0].url: must be an http://"),
        ("receivers:\n  - {name: a, type: webhook, url: 'http://'}", "receivers[0].url: must be an http://"),
        ("receivers:\n  - {name: a, type: webhook, url: http://h, colour: red}", "receivers[0].colour: unknown key"),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, timeout: 0s}",
            "receivers[0].timeout: must be a duration"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, group_interval: soon}",
            "receivers[0].group_interval: must be a duration"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, repeat_interval: 0}",
            "receivers[0].repeat_interval: must be a duration"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, max_retry_duration: -1h}",
            "receivers[0].max_retry_duration: must be a duration"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, max_alerts: -1}",
            "receivers[0].max_alerts: must be 0 (no limit) or a positive integer"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, send_resolved: maybe}",
            "receivers[0].send_resolved: must be `true` or `false`"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, group_by: alertname}",
            "receivers[0].group_by: must be a list"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, group_by: [service.name]}",
            "receivers[0].group_by[0]: invalid label name"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, group_by: [a, a]}",
            "receivers[0].group_by[1]: `a` is listed twice"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, match: [severity]}",
            "receivers[0].match: must be a mapping"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, match: {1x: y}}",
            "receivers[0].match.1x: invalid label name"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, headers: [X-Team]}",
            "receivers[0].headers: must be a mapping"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, headers: {'X Team': p}}",
            "receivers[0].headers.X Team: invalid header name"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, headers: {Content-Type: text/plain}}",
            "receivers[0].headers.Content-Type: set by leakwatch itself"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, headers: {a: b, A: c}}",
            "receivers[0].headers.A: the same header as `a`"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, headers: {Authorization: x}, bearer_token: t}",
            "receivers[0].headers.Authorization: conflicts with bearer_token/basic_auth"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, bearer_token: t, basic_auth: {username: u}}",
            "receivers[0].basic_auth: bearer_token and basic_auth are mutually exclusive"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, bearer_token: 'a b'}",
            "receivers[0].bearer_token: a token must not contain spaces"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, basic_auth: {password: p}}",
            "receivers[0].basic_auth.username: is required"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, basic_auth: {username: u, pass: p}}",
            "receivers[0].basic_auth.pass: unknown key"
        ),
        (
            "receivers:\n  - {name: a, type: webhook, url: http://h, hmac_secret: ''}",
            "receivers[0].hmac_secret: must not be empty"
        ),
        (
            "receivers:\n  - name: a\n    type: alertmanager\n    url: http://h\n    group_wait: 30s",
            "5:17: receivers[0].group_wait: only for `type: webhook`"
        ),
        (
            "receivers:\n  - {name: a, type: alertmanager, url: http://h, max_alerts: 5, group_by: [x]}",
            "receivers[0].max_alerts: only for `type: webhook`"
        ),
    ])
    func badReceiverNamesFileLineColumnAndKey(yaml: String, expected: String) {
        let error = #expect(throws: ConfigError.self) { try LeakwatchConfig.parse(yaml, file: "leakwatch.yml") }
        #expect(error?.description.hasPrefix("leakwatch.yml:") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error)) lacks \(expected)")
    }

    @Test func readmeExampleParses() throws {
        let readme = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        // The config example is the first yaml block that starts with `listen:`.
        let fence = try #require(text.range(of: "```yaml\nlisten:"))
        let body = text[text.index(fence.lowerBound, offsetBy: "```yaml\n".count)...]
        let end = try #require(body.range(of: "```"))
        let config = try LeakwatchConfig.parse(String(body[..<end.lowerBound]), file: "README.md")
        #expect(config.receivers.map(\.name) == ["oncall", "am"])
        #expect(config.receivers.map(\.kind) == [.webhook, .alertmanager])
        #expect(config.receivers.first?.authentication == .bearer("t0k3n"))
    }

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ConfigError.self) { try LeakwatchConfig.load(path: "/nonexistent/leakwatch.yml") }
        #expect(error?.description == "/nonexistent/leakwatch.yml: cannot read the file")
    }
}
