import ArgumentParser
import Foundation
import Leakwatch

/// Where a query goes and how its answer is printed; shared by `query` and `query-range`.
struct QueryTargetOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: "Data directory to read directly (default ./data); refused while a server holds it.")
    var dataDir: String?

    @Option(help: "Query a running server's HTTP API instead, e.g. http://127.0.0.1:4318.")
    var url: String?

    @Option(help: "Bearer token for the server's API (auth.api_tokens); only with --url.")
    var token: String?

    @Flag(help: "Print the API's JSON response instead of a table.")
    var json = false

    func validate() throws {
        if url != nil, dataDir != nil { throw ValidationError("give either --data-dir or --url, not both") }
        if token != nil, url == nil { throw ValidationError("--token is only used with --url") }
    }

    var client: QueryClient {
        if let url { return QueryClient(target: .server(url: url, token: token)) }
        return QueryClient(target: .dataDirectory(dataDir ?? "./data"))
    }

    /// Prints the answer (warnings to standard error) or the failure, then exits 1 on failure.
    func emit(_ run: () throws(QueryClient.Failure) -> QueryClient.Output) throws {
        do {
            let output = try run()
            for warning in output.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            FileHandle.standardOutput.write(Data((json ? output.json + "\n" : output.table).utf8))
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Evaluate a PromQL expression at one instant.",
        discussion: """
            Reads the data directory directly, or with --url asks a running server (GET/POST /api/v1/query). \
            Times are RFC 3339 (2024-05-01T12:00:00Z) or Unix seconds (1714564800.5). A parse error is printed as \
            line:column: parse error: message, and the exit code is 1.
            """
    )

    @Argument(help: "The PromQL expression.")
    var expression: String

    @Option(help: "Evaluation time (default now).")
    var time: String?

    @OptionGroup var target: QueryTargetOptions

    func run() throws {
        try target.emit { () throws(QueryClient.Failure) in
            try target.client.instantQuery(expression, time: time)
        }
    }
}
