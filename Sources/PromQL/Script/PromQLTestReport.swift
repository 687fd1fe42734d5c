/// The outcome of running PromQL test scripts: how many `eval` commands passed, which failed and which were skipped.
public struct PromQLTestReport: Sendable, Hashable {
    /// Evaluations whose every check passed.
    public var passed: Int = 0
    /// Failed evaluations, and load or script errors, in file order.
    public var failures: [PromQLTestFailure] = []
    /// Evaluations not run because they need something leakwatch does not support, with the reason.
    public var skips: [PromQLTestSkip] = []

    /// An empty report.
    public init() {}

    /// How many failed.
    public var failed: Int { failures.count }
    /// How many were skipped.
    public var skipped: Int { skips.count }

    /// `N passed, M failed, K skipped`.
    public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }

    /// Adds another report's counts and entries to this one.
    public mutating func merge(_ other: PromQLTestReport) {
        passed += other.passed
        failures += other.failures
        skips += other.skips
    }
}

/// A failed evaluation (or a load or script error) with what was expected and what came back.
public struct PromQLTestFailure: Sendable, Hashable, CustomStringConvertible {
    /// The script's name.
    public var file: String
    /// The 1-based line of the command (or of the bad line).
    public var line: Int
    /// The query, or the offending line for load and script errors.
    public var expression: String
    /// What went wrong, e.g. `range-mode check: expected 3 for {a="b"} but got 4` or the error.
    public var message: String
    /// The expected outcome, one result line per line, when the failure is a mismatch.
    public var expected: String?
    /// The actual outcome, one result line per line, when the failure is a mismatch.
    public var got: String?

    /// Creates a failure.
    public init(
        file: String, line: Int, expression: String, message: String, expected: String? = nil, got: String? = nil
    ) {
        self.file = file
        self.line = line
        self.expression = expression
        self.message = message
        self.expected = expected
        self.got = got
    }

    /// `file:line: expression`, then indented: the message, `expected: …` and `got: …`.
    public var description: String {
        var out = "\(file):\(line): \(expression)"
        if !message.isEmpty {
            for line in message.split(separator: "\n", omittingEmptySubsequences: false) { out += "\n  \(line)" }
        }
        if let expected { out += "\n  expected: " + PromQLTestFailure.indented(expected) }
        if let got { out += "\n  got: " + PromQLTestFailure.indented(got) }
        return out
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }
}

/// An evaluation that was not run, and why.
public struct PromQLTestSkip: Sendable, Hashable, CustomStringConvertible {
    /// The script's name.
    public var file: String
    /// The 1-based line of the `eval` command.
    public var line: Int
    /// The query.
    public var expression: String
    /// Why it was skipped, e.g. `experimental function sort_by_label()`.
    public var reason: String

    /// Creates a skip.
    public init(file: String, line: Int, expression: String, reason: String) {
        self.file = file
        self.line = line
        self.expression = expression
        self.reason = reason
    }

    /// `file:line: expression` and, indented, `skipped: reason`.
    public var description: String { "\(file):\(line): \(expression)\n  skipped: \(reason)" }
}
