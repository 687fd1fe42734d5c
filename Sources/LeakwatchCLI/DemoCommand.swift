import ArgumentParser
import Foundation
import Leakwatch
import Logging

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the memory-leak walk-through unattended and print each step.",
        discussion: """
            Starts leakwatch on a free loopback port with a temporary data directory, a time-compressed leak rule \
            (deriv(process_runtime_python_memory_rss[<window>]) > <threshold> for <for>) and a webhook receiver \
            the demo runs itself. A synthetic service then exports a growing RSS gauge over OTLP/HTTP; the demo \
            prints "sending metrics…", "alert pending", "alert firing" and "webhook received: <summary>", fixes \
            the leak (the RSS stays flat) and prints "resolved" when the resolved notification arrives.

            Exits 0 when every step happened, 1 with the step it was waiting for after --timeout. Nothing is left \
            behind. Durations take Prometheus's syntax (500ms, 30s, 2m).
            """
    )

    @Option(name: .customLong("send-interval"), help: "How often the synthetic service exports.")
    var sendInterval = "500ms"

    @Option(name: .customLong("leak-rate"), help: "How fast the RSS grows while leaking, bytes per second.")
    var leakRate: Double = 100_000

    @Option(help: "The alert threshold on deriv(...), bytes per second.")
    var threshold: Double = 10_000

    @Option(help: "The deriv window of the rule.")
    var window = "30s"

    @Option(name: .customLong("for"), help: "How long the condition must hold before the alert fires.")
    var forDuration = "10s"

    @Option(name: .customLong("evaluation-interval"), help: "How often the rule is evaluated.")
    var evaluationInterval = "1s"

    @Option(name: .customLong("group-wait"), help: "The webhook receiver's group_wait and group_interval.")
    var groupWait = "500ms"

    @Option(help: "Give up (exit 1) when the walk-through has not finished after this long.")
    var timeout = "120s"

    @Option(name: .customLong("log-level"), help: "leakwatch's own log level (logs go to stderr).")
    var logLevel: String = "warning"

    func validate() throws {
        _ = try settings()
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func settings() throws -> LeakDemoSettings {
        var settings = LeakDemoSettings()
        settings.sendIntervalMilliseconds = try Self.milliseconds(sendInterval, "--send-interval")
        settings.windowMilliseconds = try Self.milliseconds(window, "--window")
        settings.forMilliseconds = try Self.milliseconds(forDuration, "--for", allowZero: true)
        settings.evaluationIntervalMilliseconds = try Self.milliseconds(evaluationInterval, "--evaluation-interval")
        settings.groupWaitMilliseconds = try Self.milliseconds(groupWait, "--group-wait", allowZero: true)
        settings.timeoutMilliseconds = try Self.milliseconds(timeout, "--timeout")
        guard leakRate > 0, leakRate.isFinite else { throw ValidationError("--leak-rate must be positive") }
        guard threshold >= 0, threshold.isFinite else { throw ValidationError("--threshold must be 0 or more") }
        guard threshold < leakRate else { throw ValidationError("--threshold must be below --leak-rate") }
        settings.leakBytesPerSecond = leakRate
        settings.thresholdBytesPerSecond = threshold
        return settings
    }

    static func milliseconds(_ text: String, _ option: String, allowZero: Bool = false) throws -> Int64 {
        guard let value = LeakDemoSettings.parseDuration(text), value > 0 || (allowZero && value == 0) else {
            throw ValidationError("\(option) must be a \(allowZero ? "" : "positive ")duration such as 500ms or 30s")
        }
        return value
    }

    func run() throws {
        let settings = try settings()
        var logger = Logger(label: "leakwatch") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let rule = "leak rule: \(settings.ruleExpression) for \(forDuration), evaluated every \(evaluationInterval)"
        FileHandle.standardOutput.write(Data((rule + "\n").utf8))
        do {
            try LeakDemo.run(settings: settings, logger: logger) { step in
                // Unbuffered even when piped, so each step shows the moment it happens.
                FileHandle.standardOutput.write(Data("\(step)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("leakwatch demo: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("demo finished: the leak was caught, notified and resolved")
    }
}
