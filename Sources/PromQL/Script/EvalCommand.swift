/// An `eval instant …` or `eval range …` command of a PromQL test script with its expectations.
struct EvalCommand: Sendable, Hashable {
    /// When the query runs.
    enum Timing: Sendable, Hashable {
        /// `eval instant at <time>`, ms.
        case instant(at: Int64)
        /// `eval range from <start> to <end> step <step>`, ms.
        case range(start: Int64, end: Int64, step: Int64)
    }

    /// `expect range vector from <start> to <end> step <step>`, ms: the timestamps of an instant query's matrix.
    struct RangeVector: Sendable, Hashable {
        var start: Int64
        var end: Int64
        var step: Int64
    }

    /// An expected series line.
    struct ExpectedSeries: Sendable, Hashable {
        /// The 1-based line.
        var line: Int
        /// The series as written.
        var metric: String
        /// The expected values (one per step for matrices); nil when they hold native histograms.
        var values: [SequenceValue]?
    }

    /// The 1-based line of the `eval` command.
    var line: Int
    /// The query text.
    var expression: String
    /// When the query runs.
    var timing: Timing
    /// `eval_ordered` or `expect ordered`: the vector's order must match the expected lines.
    var ordered = false
    /// `eval_fail` or `expect fail`: the query must fail.
    var expectsFailure = false
    /// What the error message must match (`expect fail msg:|regex:`, `expected_fail_message`, `expected_fail_regexp`);
    /// every entry must match.
    var failMessages: [TextExpectation] = []
    /// `eval_warn` or `expect warn`: warning annotations are expected.
    var expectsWarning = false
    /// `eval_info` or `expect info`: info annotations are expected.
    var expectsInfo = false
    /// Messages of the `expect warn` lines.
    var warningMessages: [TextExpectation] = []
    /// Messages of the `expect info` lines.
    var infoMessages: [TextExpectation] = []
    /// `expect no_warn`.
    var noWarnings = false
    /// `expect no_info`.
    var noInfo = false
    /// `expect range vector …`.
    var rangeVector: RangeVector?
    /// `expect string "…"`.
    var expectedString: String?
    /// A bare number line: a scalar result is expected.
    var expectedScalar: Double?
    /// The expected series lines.
    var expectedSeries: [ExpectedSeries] = []

    /// The evaluation time of an instant query: the end of `expect range vector` when given, as Prometheus's harness
    /// does, else the `at` time. Nil for range queries.
    var instantTime: Int64? {
        guard case .instant(let at) = timing else { return nil }
        return rangeVector?.end ?? at
    }
}
