import ArgumentParser
import Leakwatch

@main
struct LeakwatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leakwatch",
        abstract: "Catch memory leaks in production before they become outages.",
        discussion: """
            leakwatch receives OpenTelemetry metrics over OTLP/HTTP, stores them in one SQLite file, evaluates \
            Prometheus alerting rules (deriv, predict_linear, usage/limit ratios, `for` durations) and sends \
            firing and resolved alerts to webhooks.
            """,
        version: LeakwatchVersion.current,
        subcommands: [
            ServeCommand.self, QueryCommand.self, QueryRangeCommand.self, TestCommand.self, CheckCommand.self,
            NotifyCommand.self, BenchCommand.self, DemoCommand.self,
        ]
    )
}
