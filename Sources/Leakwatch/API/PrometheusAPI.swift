import PromQL
import TimeSeries

/// Prometheus's HTTP query API (`/api/v1/query`, `query_range`, `series`, `labels`, `label/<name>/values`, …) over a
/// series querier and a PromQL evaluator, with Prometheus's parameters, defaults and error messages.
///
/// Each endpoint takes the request's decoded parameters and returns its `data` (plus warnings) or an `APIError`;
/// `PrometheusAPI+HTTP.swift` wraps them in the JSON envelope. The CLI's local mode calls the same functions, so
/// `leakwatch query` and the server validate and answer alike.
struct PrometheusAPI: Sendable {
    /// A successful answer: the `data` object as JSON, and the envelope's `warnings`.
    struct Payload {
        /// The value of `data`.
        var data = JSONWriter()
        /// Warnings (`results truncated due to limit`).
        var warnings: [String] = []
    }

    /// A query's result with its warnings.
    struct QueryResult: Sendable {
        /// The value.
        var value: QueryValue
        /// Warnings.
        var warnings: [String]
    }

    /// Prometheus's limit on points per series of a range query.
    static let maxPointsPerSeries: Int64 = 11_000
    /// The warning when `limit` cut a result short.
    static let truncatedWarning = "results truncated due to limit"

    /// Evaluates PromQL and parses `match[]` selectors.
    let evaluator: any QueryEvaluating
    /// Answers series and label lookups.
    let querier: any SeriesQuerier
    /// Bounds concurrent queries and lookups.
    let gate: QueryGate
    /// The current time in milliseconds (the default `time` of an instant query).
    let clock: @Sendable () -> Int64
    /// Told when a query has answered, to give the memory it freed back to the kernel (the server's only).
    var reclaimer: MemoryReclaimer?

    // MARK: - Queries

    /// `/api/v1/query`: `query`, `time` (default now), `timeout`, `limit`.
    func instantQuery(_ form: FormValues) throws(APIError) -> QueryResult {
        let limit = try limitParameter(form)
        let now = APITime(milliseconds: clock())
        let time = try parameter("time") { () throws(APIParameters.Failure) in
            try APIParameters.time(form, "time", default: now)
        }
        let timeout = try timeout(form)
        let query = form["query"]
        let value = try gate.run { () throws(APIError) in
            do throws(QueryError) {
                return try evaluator.instantQuery(query, at: time.milliseconds, timeout: timeout)
            } catch {
                throw APIError(error)
            }
        }
        return PrometheusAPI.truncate(value, to: limit)
    }

    /// `/api/v1/query_range`: `query`, `start`, `end`, `step`, `timeout`, `limit`.
    func rangeQuery(_ form: FormValues) throws(APIError) -> QueryResult {
        let limit = try limitParameter(form)
        let start = try requiredTime(form, "start")
        let end = try requiredTime(form, "end")
        guard end >= start else {
            throw .invalidParameter("end", "end timestamp must not be before start time")
        }
        let step = try parameter("step") { () throws(APIParameters.Failure) in
            try APIParameters.duration(form["step"])
        }
        // The engine works in milliseconds: a positive step below 1ms would be a zero step there.
        guard step >= 1_000_000 else {
            throw .invalidParameter(
                "step", "zero or negative query resolution step widths are not accepted. Try a positive integer")
        }
        guard end.nanoseconds(since: start) / step <= PrometheusAPI.maxPointsPerSeries else {
            throw APIError(
                .badData,
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution "
                    + "(?step=XX)")
        }
        let timeout = try timeout(form)
        let query = form["query"]
        let value = try gate.run { () throws(APIError) in
            do throws(QueryError) {
                return try evaluator.rangeQuery(
                    query, start: start.milliseconds, end: end.milliseconds, step: step / 1_000_000, timeout: timeout)
            } catch {
                throw APIError(error)
            }
        }
        return PrometheusAPI.truncate(value, to: limit)
    }

    /// The shorter of the evaluator's timeout and the `timeout` parameter.
    private func timeout(_ form: FormValues) throws(APIError) -> Duration {
        let text = form["timeout"]
        guard !text.isEmpty else { return evaluator.queryTimeout }
        let nanoseconds = try parameter("timeout") { () throws(APIParameters.Failure) in
            try APIParameters.duration(text)
        }
        // An expired deadline fails before evaluation starts, as Prometheus's query queue does.
        guard nanoseconds > 0 else { throw APIError(.timeout, "query timed out in query queue") }
        return min(evaluator.queryTimeout, .nanoseconds(nanoseconds))
    }

    /// Keeps the first `limit` series of a vector or matrix, with a warning when some were dropped.
    static func truncate(_ value: QueryValue, to limit: Int) -> QueryResult {
        switch value {
        case .vector(let timestamp, let samples) where samples.count > limit:
            QueryResult(
                value: .vector(timestamp: timestamp, samples: Array(samples.prefix(limit))),
                warnings: [truncatedWarning])
        case .matrix(let series) where series.count > limit:
            QueryResult(value: .matrix(Array(series.prefix(limit))), warnings: [truncatedWarning])
        default:
            QueryResult(value: value, warnings: [])
        }
    }

    // MARK: - Series and labels

    /// `/api/v1/series`: `match[]` (required, repeated), `start`, `end` (default all time), `limit`.
    func series(_ form: FormValues) throws(APIError) -> (series: [Labels], warnings: [String]) {
        if let problem = form.problem {
            throw APIError(.badData, "error parsing form values: \(problem)")
        }
        let selectors = form.values("match[]")
        guard !selectors.isEmpty else { throw APIError(.badData, "no match[] parameter provided") }
        let limit = try limitParameter(form)
        let (start, end) = try timeRange(form)
        let sets = try parameter("match[]") { () throws(APIParameters.Failure) in try matcherSets(selectors) }
        return try gate.run { () throws(APIError) in
            var found = Set<Labels>()
            for matchers in sets {
                do {
                    found.formUnion(try querier.series(matchers, start: start.milliseconds, end: end.milliseconds))
                } catch {
                    throw APIError(.execution, "\(error)")
                }
            }
            let sorted = found.sorted()
            guard sorted.count > limit else { return (sorted, []) }
            return (Array(sorted.prefix(limit)), [PrometheusAPI.truncatedWarning])
        }
    }

    /// `/api/v1/labels`: `match[]` (optional, repeated), `start`, `end`, `limit`.
    func labelNames(_ form: FormValues) throws(APIError) -> (names: [String], warnings: [String]) {
        let limit = try limitParameter(form)
        let (start, end) = try timeRange(form)
        let sets = try unwrapped { () throws(APIParameters.Failure) in try matcherSets(form.values("match[]")) }
        return try lookUp(sets, limit: limit) { matchers throws in
            try querier.labelNames(matchers, start: start.milliseconds, end: end.milliseconds)
        }
    }

    /// `/api/v1/label/<name>/values`: `match[]` (optional, repeated), `start`, `end`, `limit`. `name` is the path
    /// segment, percent-decoded; a `U__` prefix marks Prometheus's escaping of UTF-8 names.
    func labelValues(
        _ rawName: String, _ form: FormValues
    ) throws(APIError) -> (values: [String], warnings: [String]) {
        let name = PrometheusAPI.unescapeLabelName(rawName)
        guard !name.isEmpty else { throw APIError(.badData, "invalid label name: \(GoQuote.quote(name))") }
        let limit = try limitParameter(form)
        let (start, end) = try timeRange(form)
        let sets = try unwrapped { () throws(APIParameters.Failure) in try matcherSets(form.values("match[]")) }
        return try lookUp(sets, limit: limit) { matchers throws in
            try querier.labelValues(name, matchers: matchers, start: start.milliseconds, end: end.milliseconds)
        }
    }

    /// Runs a name or value lookup once per matcher set (once with no matchers when there are none), merges,
    /// sorts by bytes like Go's `sort.Strings`, and applies `limit`.
    private func lookUp(
        _ sets: [[Matcher]], limit: Int, _ lookup: ([Matcher]) throws -> [String]
    ) throws(APIError) -> ([String], [String]) {
        try gate.run { () throws(APIError) in
            var found = Set<String>()
            do {
                for matchers in sets.isEmpty ? [[]] : sets {
                    found.formUnion(try lookup(matchers))
                }
            } catch {
                throw APIError(.execution, "\(error)")
            }
            let sorted = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            guard sorted.count > limit else { return (sorted, []) }
            return (Array(sorted.prefix(limit)), [PrometheusAPI.truncatedWarning])
        }
    }

    /// `start` and `end` of a lookup, all time by default.
    private func timeRange(_ form: FormValues) throws(APIError) -> (APITime, APITime) {
        let start = try parameter("start") { () throws(APIParameters.Failure) in
            try APIParameters.time(form, "start", default: .min)
        }
        let end = try parameter("end") { () throws(APIParameters.Failure) in
            try APIParameters.time(form, "end", default: .max)
        }
        return (start, end)
    }

    /// Parses `match[]` selectors; a set whose every matcher accepts the empty string (it would select every
    /// series) is refused, as Prometheus does.
    private func matcherSets(_ selectors: [String]) throws(APIParameters.Failure) -> [[Matcher]] {
        var sets: [[Matcher]] = []
        for selector in selectors {
            do throws(ParseError) {
                sets.append(try evaluator.parseMatchers(selector))
            } catch  where error.message == "vector selector must contain at least one non-empty matcher" {
                // The parser says it for queries; the API's own wording for a selector that matches everything.
                throw APIParameters.Failure(reason: "match[] must contain at least one non-empty matcher")
            } catch {
                throw APIParameters.Failure(reason: error.description)
            }
        }
        for matchers in sets where matchers.allSatisfy(\.matchesEmpty) {
            throw APIParameters.Failure(reason: "match[] must contain at least one non-empty matcher")
        }
        return sets
    }

    // MARK: - Exemplars, metadata, build information

    /// `/api/v1/query_exemplars`: leakwatch stores no exemplars, so the answer is always empty once `start` and
    /// `end` are valid.
    func exemplars(_ form: FormValues) throws(APIError) -> Payload {
        let (start, end) = try timeRange(form)
        guard end >= start else { throw APIError(.badData, "end timestamp must not be before start timestamp") }
        var payload = Payload()
        payload.data.raw("[]")
        return payload
    }

    /// `/api/v1/metadata`: leakwatch keeps no metric metadata (type, help, unit), so the map is empty.
    func metadata(_ form: FormValues) -> Payload {
        var payload = Payload()
        payload.data.raw("{}")
        return payload
    }

    /// `/api/v1/status/buildinfo`, in Prometheus's shape. Grafana reads `version` to decide which API features it
    /// may use, so this reports the Prometheus version whose API leakwatch follows; `revision` and `branch` name
    /// leakwatch itself.
    func buildInfo() -> Payload {
        var payload = Payload()
        let fields = [
            ("version", PrometheusAPI.compatibleVersion), ("revision", "leakwatch-\(LeakwatchVersion.current)"),
            ("branch", "leakwatch"), ("buildUser", "leakwatch"), ("buildDate", ""),
            ("goVersion", "none (leakwatch \(LeakwatchVersion.current), Swift)"),
        ]
        payload.data.raw("{")
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { payload.data.raw(",") }
            payload.data.string(key)
            payload.data.raw(":")
            payload.data.string(value)
        }
        payload.data.raw("}")
        return payload
    }

    /// The Prometheus release whose query API and PromQL leakwatch follows.
    static let compatibleVersion = "3.0.0"

    // MARK: - Helpers

    /// The `limit` parameter.
    private func limitParameter(_ form: FormValues) throws(APIError) -> Int {
        try parameter("limit") { () throws(APIParameters.Failure) in try APIParameters.limit(form["limit"]) }
    }

    /// A time parameter without a default (`start` and `end` of a range query).
    private func requiredTime(_ form: FormValues, _ name: String) throws(APIError) -> APITime {
        try parameter(name) { () throws(APIParameters.Failure) in try APIParameters.time(form[name]) }
    }

    /// Runs a parser, turning its failure into `invalid parameter "<name>": <reason>`.
    private func parameter<T>(
        _ name: String, _ parse: () throws(APIParameters.Failure) -> T
    ) throws(APIError) -> T {
        do throws(APIParameters.Failure) {
            return try parse()
        } catch {
            throw .invalidParameter(name, error.reason)
        }
    }

    /// Runs a parser, turning its failure into a `bad_data` error with the bare reason.
    private func unwrapped<T>(_ parse: () throws(APIParameters.Failure) -> T) throws(APIError) -> T {
        do throws(APIParameters.Failure) {
            return try parse()
        } catch {
            throw APIError(.badData, error.reason)
        }
    }

    /// Undoes Prometheus's value-encoding escape of a label name: `U__` then `__` for `_` and `_<hex>_` for any
    /// code point; a name without the prefix, or a malformed one, is returned as given.
    static func unescapeLabelName(_ name: String) -> String {
        guard name.hasPrefix("U__") else { return name }
        var out = String.UnicodeScalarView()
        var scalars = Substring(name).unicodeScalars.dropFirst(3)
        while let scalar = scalars.popFirst() {
            guard scalar == "_" else {
                out.append(scalar)
                continue
            }
            guard let next = scalars.first else { return name }
            if next == "_" {
                out.append("_")
                scalars.removeFirst()
                continue
            }
            let hex = scalars.prefix { $0 != "_" }
            guard hex.count <= 6, hex.count < scalars.count,
                let value = UInt32(String(String.UnicodeScalarView(hex)), radix: 16),
                let decoded = Unicode.Scalar(value)
            else { return name }
            out.append(decoded)
            scalars.removeFirst(hex.count + 1)
        }
        return String(out)
    }
}
