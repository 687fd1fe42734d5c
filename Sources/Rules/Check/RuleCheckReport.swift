/// What `check rules` prints, in order, and its exit code.
public struct RuleCheckReport: Sendable, Hashable {
    /// Where a piece of output goes.
    public enum Stream: Sendable, Hashable {
        /// `Checking ...`, `SUCCESS`, blank lines and warnings.
        case standardOutput
        /// `FAILED:` and the errors.
        case standardError
    }

    /// One piece of output.
    public struct Write: Sendable, Hashable {
        /// The stream it goes to.
        public var stream: Stream
        /// The text, with its line breaks.
        public var text: String
    }

    /// The output in the order promtool prints it.
    public var writes: [Write] = []
    /// 0 when every file is valid (lint problems allowed), 1 on any error, 3 on lint problems with `--lint-fatal`.
    public var exitCode: Int32 = 0
    /// Whether any file failed (errors or lint problems).
    public var failed = false
    /// Whether any file had errors other than lint problems.
    public var hasErrors = false

    /// Appends another report's output, keeping the worse exit code.
    public mutating func append(_ other: RuleCheckReport) {
        writes += other.writes
        exitCode = max(exitCode, other.exitCode)
        failed = failed || other.failed
        hasErrors = hasErrors || other.hasErrors
    }

    /// Creates an empty report.
    public init() {}

    /// Everything written to standard output.
    public var standardOutput: String { text(of: .standardOutput) }
    /// Everything written to standard error.
    public var standardError: String { text(of: .standardError) }

    /// Appends `text` to the output.
    public mutating func write(_ text: String, to stream: Stream) {
        writes.append(Write(stream: stream, text: text))
    }

    private func text(of stream: Stream) -> String {
        writes.filter { $0.stream == stream }.map(\.text).joined()
    }
}
