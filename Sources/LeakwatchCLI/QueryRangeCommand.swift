import ArgumentParser
import Leakwatch

struct QueryRangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query-range",
        abstract: "Evaluate a PromQL expression at every step of a time range.",
        discussion: """
            Reads the data directory directly, or with --url asks a running server (POST /api/v1/query_range). \
            Times are RFC 3339 or Unix seconds; the step is a duration (15s, 1m) or seconds. At most 11,000 \
            points per series.
            """
    )

    @Argument(help: "The PromQL expression.")
    var expression: String

    @Option(help: "Start of the range (default one hour before --end).")
    var start: String?

    @Option(help: "End of the range (default now).")
    var end: String?

    @Option(help: "Resolution step (default the range over 250 points, at least 1s).")
    var step: String?

    @OptionGroup var target: QueryTargetOptions

    func run() throws {
        try target.emit { () throws(QueryClient.Failure) in
            try target.client.rangeQuery(expression, start: start, end: end, step: step)
        }
    }
}
