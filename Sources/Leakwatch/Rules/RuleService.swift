import Foundation
import GoTemplate
import Logging
import PromQL
import Rules
import Storage
import Synchronization
import TimeSeries

/// Loads the configured rule files and keeps their groups evaluating; reloads on request, keeping the old rules
/// when a file is bad.
final class RuleService: Sendable {
    /// How the last load or reload went.
    struct ReloadStatus: Sendable {
        var successful: Bool
        var time: Int64
        var error: String?
        var files: [String]
    }

    private let config: LeakwatchConfig
    private let logger: Logger
    let manager: RuleManager
    private let status: Mutex<ReloadStatus>
    private let reloadCounts = Mutex((total: 0, failed: 0))

    /// Creates the service over `store`, evaluating queries with `engine`; alerts due to be sent go to `notify`.
    /// Nothing is loaded until `reload()`.
    init(
        config: LeakwatchConfig, store: SeriesStore, engine: Engine, logger: Logger,
        notify: (@Sendable ([AlertNotification]) -> Void)? = nil
    ) {
        self.config = config
        self.logger = logger
        let environment = RuleEvaluationEnvironment(
            query: { expr, time in try engine.instantQuery(expr, at: time) },
            appender: store,
            expandTemplate: { text, name, context in
                AlertTemplate.expand(text, name: name, context: context).output
            },
            externalLabels: config.externalLabels,
            externalURL: config.effectiveExternalURL,
            logger: logger,
            defaultInterval: config.evaluationIntervalMilliseconds)
        manager = RuleManager(environment: environment, restoreQuerier: store, notify: notify)
        status = Mutex(ReloadStatus(successful: true, time: 0, error: nil, files: []))
    }

    /// Files named like this are rule unit tests (`leakwatch test rules`), not rule files, even when a rule glob
    /// matches them.
    static func isUnitTestFile(_ path: String) -> Bool {
        path.hasSuffix(".test.yml") || path.hasSuffix(".test.yaml")
    }

    /// Reads every configured rule file. All errors of all files are collected.
    func readFiles() -> (files: [RuleFile], errors: [String]) {
        var files: [RuleFile] = []
        var errors: [String] = []
        for path in RuleService.ruleFilePaths(config.ruleFiles) {
            do {
                files.append(
                    try RuleFileLoader.load(path: path) { text, name in AlertTemplate.validate(text, name: name) })
            } catch {
                errors.append(error.description)
            }
        }
        return (files, errors)
    }

    /// The rule files `patterns` name, as `serve` reads them: globs expanded (sorted), unit-test files left out,
    /// each path once. A named file that is missing stays in, so reading it reports `open x: no such file or
    /// directory`.
    static func ruleFilePaths(_ patterns: [String]) -> [String] {
        var seen = Set<String>()
        return patterns.flatMap(RuleFileGlob.expand).filter { !isUnitTestFile($0) && seen.insert($0).inserted }
    }

    /// Loads the rule files and starts (or replaces) their groups. On any error nothing changes and the errors are
    /// returned (and logged).
    @discardableResult
    func reload() -> [String] {
        let (files, errors) = readFiles()
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        reloadCounts.withLock { counts in
            counts.total += 1
            if !errors.isEmpty { counts.failed += 1 }
        }
        guard errors.isEmpty else {
            status.withLock {
                $0.successful = false
                $0.time = now
                $0.error = errors.joined(separator: "\n")
            }
            for error in errors {
                logger.error("rule file not loaded; keeping the previous rules", metadata: ["error": "\(error)"])
            }
            return errors
        }
        manager.update(files)
        let groups = files.reduce(0) { $0 + $1.groups.count }
        let rules = files.reduce(0) { $0 + $1.groups.reduce(0) { $0 + $1.rules.count } }
        status.withLock { $0 = ReloadStatus(successful: true, time: now, error: nil, files: files.map(\.path)) }
        logger.info(
            "rules loaded",
            metadata: [
                "files": "\(files.map(\.path).joined(separator: ", "))", "groups": "\(groups)", "rules": "\(rules)",
            ])
        return []
    }

    /// The outcome of the last load.
    var lastReload: ReloadStatus { status.withLock { $0 } }

    /// Reloads attempted and failed since start.
    var reloads: (total: Int, failed: Int) { reloadCounts.withLock { $0 } }

    /// Stops every group, waiting for evaluations in progress.
    func stop() {
        manager.stop()
    }
}
