import Foundation
import HTTPServer
public import Logging
import OTLP
import PromQL
import Rules
public import Storage
import Synchronization
import TimeSeries

/// The running server: the store, the OTLP translator and the HTTP routes, wired together.
///
/// `start()` opens the listener; `shutdown()` stops accepting, finishes requests in flight, then closes the store
/// (which moves the head to disk). Every accepted sample was committed before its request got its 200.
public final class LeakwatchServer: Sendable {
    /// The configuration in force.
    public let config: LeakwatchConfig
    /// The store (exposed for tests and tools).
    public let store: SeriesStore
    let translator: MetricsTranslator
    let metrics: ServerMetrics
    let logger: Logger
    private let http: Server
    private let ready = Atomic<Bool>(false)
    let ingestAuth: BearerAuth
    private let apiAuth: BearerAuth
    private let box: Box
    /// Failures are logged at most once per 10 s each, with a count of the ones held back.
    let rejectedRequestLog = LogThrottle()
    let partialSuccessLog = LogThrottle()

    /// The Prometheus query API (`/api/v1/*`).
    let api: PrometheusAPI
    /// The rule files and their evaluation.
    let rules: RuleService
    /// Notifications to the configured receivers.
    let notifier: NotifierService
    private let outbox: SQLiteNotificationOutbox

    /// Paths with their own series in `/metrics`.
    static let routes: Set<String> = Set(
        ["/v1/metrics", "/-/healthy", "/-/ready", "/metrics", PrometheusAPI.labelValuesMetricsPath]
            + PrometheusAPI.exactPaths)

    /// HTTP worker threads. Handlers run synchronously on them and queries are CPU-bound, so there are more
    /// threads than cores: a burst of dashboard queries shares the CPU while ingest keeps workers of its own.
    static let workerThreads = 24

    /// Queries and series lookups that may run at once (Prometheus's `--query.max-concurrency` default); more get
    /// 503. Kept below `workerThreads` so queries can never occupy every worker and stall ingest.
    static let maxConcurrentQueries = 20

    /// Opens the store and prepares the routes; nothing listens until `start()`.
    ///
    /// - Throws: `StoreError` when the data directory cannot be opened (in use by another process, unreadable).
    public convenience init(config: LeakwatchConfig, logger: Logger) throws {
        try self.init(config: config, logger: logger) { store in Engine(querier: store) }
    }

    /// Opens the store and prepares the routes, with the query API evaluating through `makeEvaluator(store)`
    /// (tests pass a fake).
    init(
        config: LeakwatchConfig, logger: Logger, maxConcurrentQueries: Int = LeakwatchServer.maxConcurrentQueries,
        makeEvaluator: (SeriesStore) -> any QueryEvaluating
    ) throws {
        self.config = config
        self.logger = logger
        store = try SeriesStore(options: config.storeOptions, logger: logger)
        var translation = TranslationOptions()
        translation.naming = config.naming
        translation.promotedResourceAttributes = config.promotedResourceAttributes
        // The fast path remembers about as many label sets as the store may hold active series.
        translator = MetricsTranslator(options: translation, cachedLabelSets: config.maxSeries)
        metrics = ServerMetrics(knownPaths: LeakwatchServer.routes)
        ingestAuth = BearerAuth(tokens: config.ingestTokens)
        apiAuth = BearerAuth(tokens: config.apiTokens)
        var configuration = ServerConfiguration()
        configuration.host = config.host
        configuration.port = config.port
        configuration.maxBodyBytes = config.maxBodyBytes
        configuration.workerThreads = max(LeakwatchServer.workerThreads, maxConcurrentQueries + 4)
        // Queries and rule evaluations both read samples through the store; one reclaimer gives the memory back.
        let reclaimer = MemoryReclaimer(samplesRead: { [store] in store.samplesSelected })
        api = PrometheusAPI(
            evaluator: makeEvaluator(store), querier: store, gate: QueryGate(limit: maxConcurrentQueries),
            clock: { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }, reclaimer: reclaimer)
        do {
            outbox = try SQLiteNotificationOutbox(dataDirectory: config.dataDirectory, logger: logger)
        } catch {
            store.close()
            throw error
        }
        let notifier = NotifierService(
            receivers: config.receivers, outbox: outbox, externalURL: config.effectiveExternalURL,
            externalLabels: config.externalLabels, logger: logger, logStore: outbox)
        self.notifier = notifier
        let hasReceivers = !config.receivers.isEmpty
        let notify: @Sendable ([AlertNotification]) -> Void = { notifications in
            reclaimer.queryFinished()
            if hasReceivers { notifier.handle(notifications) }
        }
        rules = RuleService(
            config: config, store: store, engine: Engine(querier: store), logger: logger, notify: notify)
        let box = Box()
        self.box = box
        var routes = LeakwatchServer.makeRouter(box)
        api.register(on: &routes, auth: apiAuth)
        RulesAPI(service: rules).register(on: &routes, auth: apiAuth, api: api)
        let apiAuth = apiAuth
        routes.add("POST", "/-/reload") { request in
            guard apiAuth.allows(request.headers["Authorization"]) else { return LeakwatchServer.unauthorized() }
            guard let server = box.value else { return .text(503, "starting\n") }
            let errors = server.reloadRules()
            return errors.isEmpty
                ? .text(200, "") : .text(500, "failed to reload rules:\n" + errors.joined(separator: "\n") + "\n")
        }
        let router = routes
        let metrics = metrics
        http = Server(
            configuration: configuration, logger: logger, handler: { router.handle($0) },
            errorResponder: { status, message, headers in LeakwatchServer.errorResponse(status, message, headers) },
            observer: { exchange in
                let duration = exchange.duration.components
                metrics.recordRequest(
                    path: LeakwatchServer.metricsPath(exchange.path), status: exchange.status,
                    bodyBytes: exchange.requestBodyBytes,
                    seconds: Double(duration.seconds) + Double(duration.attoseconds) / 1e18)
            }
        )
        box.server.withLock { $0 = self }
    }

    /// Loads the rule files, binds the listener and starts serving.
    ///
    /// - Throws: `RuleLoadError` when a rule file is bad (nothing is started then), or the listener's error.
    public func start() throws {
        notifier.start()
        let errors = rules.reload()
        guard errors.isEmpty else {
            notifier.stop()
            throw RuleLoadError(errors: errors)
        }
        do {
            try http.start()
        } catch {
            rules.stop()
            notifier.stop()
            throw error
        }
        ready.store(true, ordering: .releasing)
        let statistics = store.statistics
        logger.info(
            "leakwatch listening",
            metadata: [
                "address": "\(config.host):\(http.port)", "data_dir": "\(config.dataDirectory)",
                "series": "\(statistics.series)", "version": "\(LeakwatchVersion.current)",
                "ingest_auth": "\(ingestAuth.isEnabled)", "api_auth": "\(apiAuth.isEnabled)",
            ])
    }

    /// Reloads the rule files (SIGHUP, `POST /-/reload`); on errors the running rules stay and the errors are
    /// returned.
    @discardableResult
    public func reloadRules() -> [String] {
        rules.reload()
    }

    /// The port the server listens on (useful with port 0).
    public var port: Int { http.port }

    /// Stops accepting, finishes requests in flight, closes the store.
    public func shutdown() {
        guard ready.exchange(false, ordering: .acquiringAndReleasing) else { return }
        logger.info("leakwatch shutting down: finishing requests in flight")
        http.shutdown()
        rules.stop()
        notifier.stop()
        try? outbox.close()
        box.server.withLock { $0 = nil }
        store.close()
        logger.info("leakwatch stopped")
    }

    // MARK: - Routes

    /// Lets the router's closures reach the server they belong to; emptied at shutdown so the two can be freed.
    final class Box: Sendable {
        let server = Mutex<LeakwatchServer?>(nil)
        var value: LeakwatchServer? { server.withLock { $0 } }
    }

    private static func makeRouter(_ box: Box) -> Router {
        var router = Router()
        router.add("POST", "/v1/metrics") { request in
            guard let server = box.value else { return .text(503, "starting\n") }
            return server.ingest(request)
        }
        router.add("GET", "/-/healthy") { _ in .text(200, "leakwatch is Healthy.\n") }
        router.add("GET", "/-/ready") { _ in
            box.value?.ready.load(ordering: .acquiring) == true
                ? .text(200, "leakwatch is Ready.\n") : .text(503, "Service Unavailable\n")
        }
        router.add("GET", "/metrics") { request in
            guard let server = box.value else { return .text(503, "starting\n") }
            return server.selfMetrics(request)
        }
        return router
    }

    private func selfMetrics(_ request: HTTPRequest) -> HTTPResponse {
        guard apiAuth.allows(request.headers["Authorization"]) else { return LeakwatchServer.unauthorized() }
        let statistics = store.statistics
        let text = metrics.render { out in
            out.family("leakwatch_storage_active_series", "gauge", "Series with samples in the in-memory head.")
            out.sample("leakwatch_storage_active_series", [], Double(statistics.activeSeries))
            out.family("leakwatch_storage_series", "gauge", "Series in the index, in memory or only on disk.")
            out.sample("leakwatch_storage_series", [], Double(statistics.series))
            out.family("leakwatch_storage_head_samples", "gauge", "Samples held in memory.")
            out.sample("leakwatch_storage_head_samples", [], Double(statistics.headSamples))
            out.family("leakwatch_storage_head_chunk_bytes", "gauge", "Bytes of compressed samples held in memory.")
            out.sample("leakwatch_storage_head_chunk_bytes", [], Double(statistics.headChunkBytes))
            out.family("leakwatch_api_queries_running", "gauge", "Queries and series lookups running now.")
            out.sample("leakwatch_api_queries_running", [], Double(api.gate.running))
            out.family(
                "leakwatch_api_queries_rejected_total", "counter",
                "Queries and series lookups refused with 503 because too many were running.")
            out.sample("leakwatch_api_queries_rejected_total", [], Double(api.gate.rejected))
            let paths = translator.protobufRequestCounts
            out.family(
                "leakwatch_otlp_protobuf_requests_total", "counter",
                "OTLP protobuf requests by path: fast (translated from the wire bytes with cached label sets) or "
                    + "decoded (malformed input or a layout left to the full decoder).")
            out.sample("leakwatch_otlp_protobuf_requests_total", [("path", "fast")], Double(paths.fast))
            out.sample("leakwatch_otlp_protobuf_requests_total", [("path", "decoded")], Double(paths.decoded))
            let cached = translator.cachedEntryCounts
            out.family(
                "leakwatch_otlp_cached_label_sets", "gauge", "Label sets the OTLP fast path keeps, by their bytes.")
            out.sample("leakwatch_otlp_cached_label_sets", [], Double(cached.labelSets))
            rules.renderMetrics(into: &out)
            notifier.renderMetrics(into: &out)
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        return HTTPResponse(status: 200, headers: headers, body: Array(text.utf8))
    }

    /// The path a request is counted under in `/metrics`: label names in `/api/v1/label/<name>/values` are folded
    /// into one series.
    static func metricsPath(_ path: String) -> String {
        path.hasPrefix(PrometheusAPI.labelValuesPrefix) ? PrometheusAPI.labelValuesMetricsPath : path
    }

    static func unauthorized() -> HTTPResponse {
        var response = HTTPResponse.text(401, "Unauthorized: a valid bearer token is required\n")
        response.headers.add("WWW-Authenticate", "Bearer")
        return response
    }

    /// Server-generated errors: OTLP clients get a `google.rpc.Status` in their own encoding, others plain text.
    static func errorResponse(_ status: Int, _ message: String, _ headers: HTTPHeaders?) -> HTTPResponse {
        guard let contentType = headers?["Content-Type"], let encoding = OTLPEncoding(contentType: contentType) else {
            return .text(status, message + "\n")
        }
        var responseHeaders = HTTPHeaders()
        responseHeaders.add("Content-Type", encoding.contentType)
        if status == 503 || status == 429 { responseHeaders.add("Retry-After", "1") }
        let body = OTLPResponse.status(code: OTLPResponse.grpcCode(forHTTPStatus: status), message: message, encoding)
        return HTTPResponse(status: status, headers: responseHeaders, body: body)
    }
}
