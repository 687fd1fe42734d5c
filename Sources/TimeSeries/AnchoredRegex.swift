/// A fully anchored RE2 regular expression that reports its capture groups, for PromQL's `label_replace`.
///
/// The pattern is compiled like a label matcher's (`^(?s:pattern)$`, RE2 syntax translated to Swift's, constructs
/// RE2 lacks rejected), but every match goes through the regex engine so the groups are available.
public struct AnchoredRegex: Sendable {
    private let compiled: CompiledRegex

    /// The pattern as written.
    public let pattern: String

    /// Compiles `pattern`.
    ///
    /// - Throws: `MatcherError` when the pattern does not compile or uses syntax RE2 lacks.
    public init(_ pattern: String) throws(MatcherError) {
        try LabelRegex.validateRE2(pattern)
        self.pattern = pattern
        compiled = try CompiledRegex(pattern)
    }

    /// The capture groups when the regex matches the whole of `value`, or nil when it does not.
    ///
    /// Element 0 is the whole match; element `i` is the `i`-th group in pattern order, with a nil value when the
    /// group took no part in the match.
    public func wholeMatchCaptures(_ value: String) -> [RegexCapture]? {
        compiled.wholeMatchCaptures(value)
    }
}

/// One capture group of an `AnchoredRegex` match.
public struct RegexCapture: Sendable, Hashable {
    /// The group's name (`(?P<name>…)` or `(?<name>…)`), or nil for an unnamed group.
    public let name: String?
    /// The text the group matched, or nil when the group took no part in the match.
    public let value: Substring?

    /// Creates a capture.
    public init(name: String?, value: Substring?) {
        self.name = name
        self.value = value
    }
}
