import Dispatch
import Foundation
import GoTemplate
import Logging
public import PromQL
import Synchronization
import TimeSeries

/// Runs `promtool test rules` unit-test files with promtool's semantics and output.
///
/// Every rule group of the test's rule files is evaluated at `start + k × evaluation_interval` up to the largest
/// `eval_time`, with input samples loaded up to each evaluation time; alerts are compared right after the evaluation
/// at or just before each `eval_time` (firing alerts only, `alertname` added to the expected labels); expressions
/// are queried after the last evaluation. Alerting rules count as restored, so `ALERTS` exists from the first
/// evaluation; no notification leaves the process.
public struct RuleUnitTestRunner: Sendable {
    /// Regular expressions a test group's name must match one of to run (`--run`); empty runs every group.
    public var runPatterns: [String] = []
    /// Accept unknown keys in test and rule files (`--ignore-unknown-fields`).
    public var ignoreUnknownFields = false
    /// Engine limits for the tests' queries.
    public var engineOptions = EngineOptions()

    /// Creates a runner.
    public init() {}

    /// The outcome of one file: promtool's report lines and whether every test passed.
    public struct FileResult: Sendable {
        /// The file as given.
        public var path: String
        /// Errors in promtool's format (empty when the file passed).
        public var errors: [String]
        /// Whether the file passed.
        public var passed: Bool { errors.isEmpty }
    }

    /// Runs one test file.
    public func run(path: String) -> FileResult {
        FileResult(path: path, errors: errors(path: path))
    }

    private func errors(path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ["open \(path): no such file or directory"]
        }
        let file: RuleUnitTestFile
        do {
            file = try RuleUnitTestFile.parse(
                String(decoding: data, as: UTF8.self), ignoreUnknownFields: ignoreUnknownFields)
        } catch {
            return [error.message]
        }
        var seen = Set<String>()
        for name in file.groupEvalOrder where !seen.insert(name).inserted {
            return ["group name repeated in evaluation order: \(name)"]
        }
        let groups: [(file: String, group: RuleGroup)]
        do {
            groups = try loadRuleGroups(file, testFile: path)
        } catch {
            return [error.message]
        }
        let patterns: [Regex<AnyRegexOutput>] = runPatterns.compactMap { try? Regex($0) }
        let selected = file.tests.filter { test in
            patterns.isEmpty || patterns.contains(where: { test.name.contains($0) })
        }
        // Test groups are independent (each has its own store and rule state): run them on every core, report them
        // in file order.
        let results = Mutex([[String]](repeating: [], count: selected.count))
        let engineOptions = engineOptions
        DispatchQueue.concurrentPerform(iterations: selected.count) { index in
            let errors = RuleUnitTestExecution(
                file: file, test: selected[index], groups: groups, engineOptions: engineOptions
            ).run()
            results.withLock { $0[index] = errors }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Loads every rule group of the test file's rule files (globs relative to the test file), ordered by
    /// `group_eval_order` (unlisted groups first, in file order).
    private func loadRuleGroups(
        _ file: RuleUnitTestFile, testFile: String
    ) throws(RuleUnitTestError) -> [(file: String, group: RuleGroup)] {
        let directory = (testFile as NSString).deletingLastPathComponent
        var groups: [(file: String, group: RuleGroup)] = []
        for pattern in file.ruleFiles {
            let full = pattern.hasPrefix("/") || directory.isEmpty ? pattern : directory + "/" + pattern
            for path in RuleFileGlob.expand(full) {
                do {
                    let loaded = try RuleFileLoader.load(path: path, ignoreUnknownFields: ignoreUnknownFields) {
                        text, name in
                        AlertTemplate.validate(text, name: name)
                    }
                    groups += loaded.groups.map { (path, $0) }
                } catch {
                    throw RuleUnitTestError(error.description)
                }
            }
        }
        let rank = Dictionary(file.groupEvalOrder.enumerated().map { ($0.element, $0.offset + 1) }) { first, _ in first
        }
        return groups.enumerated().sorted { lhs, rhs in
            let left = rank[lhs.element.group.name] ?? 0
            let right = rank[rhs.element.group.name] ?? 0
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
