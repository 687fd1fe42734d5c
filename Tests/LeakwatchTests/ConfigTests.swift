import Leakwatch
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
        ("receivers: []", "1:12: receivers: not supported by this version"),
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

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ConfigError.self) { try LeakwatchConfig.load(path: "/nonexistent/leakwatch.yml") }
        #expect(error?.description == "/nonexistent/leakwatch.yml: cannot read the file")
    }
}
