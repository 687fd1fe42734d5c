/// Runs Prometheus's PromQL test scripts (`promql/promqltest` format, e.g. its `testdata/*.test`) against
/// leakwatch's engine over an in-memory store, the way Prometheus's own harness does.
///
/// Each `eval` counts once: passed, failed or skipped. Like the harness, an instant query that passes is also run
/// with every selector pinned by `@` at other times, and each of those as a range query from T-1m to T+1m whose
/// middle point must give the same result. Evaluations needing what leakwatch does not implement are skipped with
/// a reason, never passed: native histograms (in loads the query selects, in expectations, `load_with_nhcb`),
/// `expect warn`/`expect info` (leakwatch produces no annotations), experimental functions and aggregations,
/// duration expressions, `fill` modifiers and the `anchored`/`smoothed` modifiers. `expect no_warn`/`no_info` hold
/// trivially.
public struct PromQLTestRunner: Sendable {
    /// What the runner checks besides the engine's options.
    public struct Settings: Sendable, Hashable {
        /// A regular expression: only evaluations whose query it matches (anywhere) run; others are not counted.
        public var filter: String?
        /// Re-run passing instant queries as range queries (T-1m…T+1m step 1m) and check the middle point.
        public var checkRangeMode = true
        /// Re-run passing instant queries with `@` on every selector at other evaluation times.
        public var checkAtModifier = true
        /// Skip evaluations expecting warn or info annotations (true), or check only their results (false).
        public var skipAnnotationExpectations = true

        /// The harness's behaviour.
        public init() {}
    }

    /// The engine options of Prometheus's test harness: lookback 5m, subquery default step 1m, at most 10,000
    /// samples per query (`DefaultMaxSamplesPerQuery`), timeout 100s.
    public static var harnessEngineOptions: EngineOptions {
        var options = EngineOptions()
        options.lookbackDelta = 300_000
        options.defaultSubqueryStep = 60_000
        options.maxSamples = 10_000
        options.timeout = .seconds(100)
        return options
    }

    /// The engine's options.
    public var options: EngineOptions
    /// What is checked.
    public var settings: Settings

    /// Creates a runner.
    public init(options: EngineOptions = PromQLTestRunner.harnessEngineOptions, settings: Settings = Settings()) {
        self.options = options
        self.settings = settings
    }

    /// Reads and runs the script at `path`; the report names it by `path`.
    ///
    /// - Throws: `PromQLTestFileError` when the file cannot be read.
    public func run(file path: String) throws(PromQLTestFileError) -> PromQLTestReport {
        run(source: try PromQLTestFileError.read(path), fileName: path)
    }

    /// Runs a script against a fresh store. A script that does not follow the format is one failure.
    public func run(source: String, fileName: String) -> PromQLTestReport {
        run(source: source, fileName: fileName, backend: EngineTestBackend(options: options))
    }

    /// Runs a script against `backend`.
    func run(source: String, fileName: String, backend: some PromQLTestBackend) -> PromQLTestReport {
        let script: PromQLTestScript
        do {
            script = try PromQLTestScript(source: source, fileName: fileName)
        } catch {
            var report = PromQLTestReport()
            report.failures.append(
                PromQLTestFailure(
                    file: fileName, line: error.line, expression: "script error: \(error.message)", message: ""))
            return report
        }
        var execution = ScriptExecution(script: script, backend: backend, settings: settings)
        return execution.run()
    }
}
