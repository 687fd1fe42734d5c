import ArgumentParser
import Leakwatch
import Logging

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive OTLP metrics over HTTP and store them.",
        discussion: """
            With no options leakwatch listens on 127.0.0.1:4318 (the OTLP/HTTP port, so exporters work with \
            OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318) and stores data in ./data/leakwatch.sqlite.

            Endpoints: POST /v1/metrics (OTLP protobuf or JSON, gzip or identity), the Prometheus query API \
            (/api/v1/query, query_range, series, labels, label/<name>/values, metadata, query_exemplars, \
            status/buildinfo; usable as a Grafana Prometheus data source), GET /metrics (leakwatch's own \
            metrics), GET /-/healthy, GET /-/ready.

            SIGTERM or SIGINT stops it gracefully: requests in flight finish and the in-memory head is written to \
            disk. Every sample whose request was answered 200 is durable.
            """
    )

    @Option(
        name: .long, help: "YAML config file (see README: listen, data_dir, retention, storage, otlp, auth, limits).")
    var config: String?

    @Option(name: .long, help: "Address to listen on, host:port (overrides the config file).")
    var listen: String?

    @Option(name: .customLong("data-dir"), help: "Data directory (overrides the config file).")
    var dataDir: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() throws {
        // A config error is printed as `file:line:col: key: message` with exit code 1, without the usage text.
        var settings = try config.map { try LeakwatchConfig.load(path: $0) } ?? LeakwatchConfig()
        if let listen {
            let overridden = try LeakwatchConfig.parse("listen: \"\(listen)\"", file: "--listen")
            settings.host = overridden.host
            settings.port = overridden.port
        }
        if let dataDir { settings.dataDirectory = dataDir }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "leakwatch")
        do {
            try ServeRunner.run(config: settings, logger: logger)
        } catch {
            logger.critical("leakwatch could not start: \(error)")
            throw ExitCode.failure
        }
    }
}
