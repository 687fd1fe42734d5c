import Foundation
public import Logging
import PromQL
import Storage

/// Runs PromQL queries for `leakwatch query` and `leakwatch query-range`: against a data directory (opening the store
/// directly) or against a running server's HTTP API. Both paths validate parameters and report errors as the API
/// does, and both give the API's JSON and a readable table.
public struct QueryClient: Sendable {
    /// Where queries go.
    public enum Target: Sendable, Hashable {
        /// Open the store in this data directory (only possible while no server holds it).
        case dataDirectory(String)
        /// Call the HTTP API at this base URL (`http://127.0.0.1:4318`), with an optional bearer token.
        case server(url: String, token: String?)
    }

    /// A query's answer.
    public struct Output: Sendable, Hashable {
        /// The API's JSON envelope (from the server as sent, or built locally exactly as the server would).
        public let json: String
        /// The result as an aligned table: series, value, time.
        public let table: String
        /// The envelope's warnings.
        public let warnings: [String]
    }

    /// A failure with a message for people: a parse error (`1:5: parse error: …`), a bad parameter, a locked data
    /// directory, an unreachable server.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What went wrong.
        public let message: String

        /// Creates a failure.
        public init(_ message: String) {
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }

    /// Where queries go.
    public let target: Target
    private let logger: Logger
    private let makeEvaluator: @Sendable (SeriesStore) -> any QueryEvaluating
    private let clock: @Sendable () -> Int64

    /// Creates a client; `logger` receives the store's messages in data-directory mode (errors only by default).
    public init(target: Target, logger: Logger? = nil) {
        self.init(target: target, logger: logger) { store in Engine(querier: store) }
    }

    /// Creates a client whose data-directory mode evaluates through `makeEvaluator` (tests pass a fake).
    init(
        target: Target, logger: Logger? = nil,
        clock: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) },
        makeEvaluator: @escaping @Sendable (SeriesStore) -> any QueryEvaluating
    ) {
        self.target = target
        self.logger =
            logger
            ?? {
                var quiet = Logger(label: "leakwatch.query")
                quiet.logLevel = .error
                return quiet
            }()
        self.clock = clock
        self.makeEvaluator = makeEvaluator
    }

    /// Evaluates `query` at `time` (RFC 3339 or Unix seconds; now when nil).
    public func instantQuery(_ query: String, time: String? = nil) throws(Failure) -> Output {
        var parameters = [("query", query)]
        if let time { parameters.append(("time", time)) }
        return try run(path: "/api/v1/query", FormValues(parameters)) { api, form throws(APIError) in
            try api.instantQuery(form)
        }
    }

    /// Evaluates `query` over a range. Defaults: `end` now, `start` an hour before `end`, `step` the range over
    /// 250 points (at least 1s), as a Prometheus graph would choose.
    public func rangeQuery(
        _ query: String, start: String? = nil, end: String? = nil, step: String? = nil
    ) throws(Failure) -> Output {
        let endText = end ?? QueryClient.seconds(clock())
        let endTime = try? APIParameters.time(endText)
        let startText = start ?? endTime.map { QueryClient.seconds($0.milliseconds - 3_600_000) } ?? endText
        var stepText = step
        if stepText == nil, let endTime, let startTime = try? APIParameters.time(startText) {
            let range = endTime.milliseconds - startTime.milliseconds
            stepText = QueryClient.seconds(max(1000, range / 250))
        }
        let parameters = [("query", query), ("start", startText), ("end", endText), ("step", stepText ?? "")]
        return try run(path: "/api/v1/query_range", FormValues(parameters)) { api, form throws(APIError) in
            try api.rangeQuery(form)
        }
    }

    /// Milliseconds as Unix seconds text (`1700000000.5`).
    static func seconds(_ milliseconds: Int64) -> String {
        GoFloat.timestamp(milliseconds: milliseconds)
    }

    // MARK: - Running

    private func run(
        path: String, _ form: FormValues,
        local: (PrometheusAPI, FormValues) throws(APIError) -> PrometheusAPI.QueryResult
    ) throws(Failure) -> Output {
        switch target {
        case .dataDirectory(let directory):
            let result = try withLocalAPI(directory) { api throws(Failure) in
                do throws(APIError) {
                    return try local(api, form)
                } catch {
                    throw Failure(QueryClient.readable(error.message))
                }
            }
            let payload = PrometheusAPI.payload(result)
            let json = APIEnvelope.success(data: payload.data.bytes, warnings: payload.warnings)
            return Output(
                json: String(decoding: json, as: UTF8.self), table: QueryTable.render(result.value),
                warnings: result.warnings)
        case .server(let url, let token):
            let body = try QueryHTTP.post(url: url, path: path, form: form, token: token)
            let decoded = try QueryResponseDecoder.decode(body)
            return Output(
                json: String(decoding: body, as: UTF8.self), table: QueryTable.render(decoded.value),
                warnings: decoded.warnings)
        }
    }

    /// Opens the store in `directory`, runs `body` with an API over it, closes the store.
    private func withLocalAPI<T>(
        _ directory: String, _ body: (PrometheusAPI) throws(Failure) -> T
    ) throws(Failure) -> T {
        let options = StoreOptions(directory: directory)
        guard FileManager.default.fileExists(atPath: options.databasePath) else {
            throw Failure(
                "no leakwatch database at \(options.databasePath): give the server's data directory with "
                    + "--data-dir, or query a running server with --url")
        }
        let store: SeriesStore
        do {
            store = try SeriesStore(options: options, logger: logger)
        } catch let error where error.code == .locked {
            throw Failure(
                "\(error.message)\nA running leakwatch server holds this data directory; query it over HTTP "
                    + "instead, e.g. --url http://127.0.0.1:4318")
        } catch {
            throw Failure("cannot open the data directory \(directory): \(error.message)")
        }
        defer { store.close() }
        let api = PrometheusAPI(
            evaluator: makeEvaluator(store), querier: store, gate: QueryGate(limit: 1), clock: clock)
        return try body(api)
    }

    /// An API error message as the CLI shows it: a parse error without the `invalid parameter "query": ` prefix,
    /// so it reads `1:5: parse error: …` whichever way the query ran.
    static func readable(_ message: String) -> String {
        let prefix = "invalid parameter \"query\": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
