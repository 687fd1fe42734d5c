/// A label matcher such as `job="api"` or `instance=~"web-.*"`.
///
/// An absent label is matched as the empty string, so `{l=""}` selects series without `l`. Regular expressions use
/// RE2 syntax and are fully anchored: `=~"web"` matches only the value `web`, never `web-1`.
public struct Matcher: Sendable, Hashable {
    /// The operator.
    public let type: MatchType
    /// The label name.
    public let name: String
    /// The string or regular expression as written.
    public let value: String
    let regex: LabelRegex?

    /// Creates a matcher.
    ///
    /// - Throws: `MatcherError` when a regular expression does not compile or uses syntax RE2 lacks.
    public init(_ type: MatchType, _ name: String, _ value: String) throws(MatcherError) {
        self.type = type
        self.name = name
        self.value = value
        switch type {
        case .equal, .notEqual: regex = nil
        case .regexMatch, .regexNoMatch: regex = try LabelRegex(value)
        }
    }

    /// A matcher for `__name__="name"`.
    public static func metricName(_ name: String) -> Matcher {
        // An equality matcher never throws.
        try! Matcher(.equal, Labels.metricNameLabel, name)
    }

    /// Whether a label value (or "" for an absent label) satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        switch type {
        case .equal: return labelValue == value
        case .notEqual: return labelValue != value
        case .regexMatch: return regex!.matches(labelValue)
        case .regexNoMatch: return !regex!.matches(labelValue)
        }
    }

    /// Whether the matcher accepts a series in which the label is absent.
    public var matchesEmpty: Bool { matches("") }

    /// Whether a label set satisfies the matcher.
    public func matches(_ labels: Labels) -> Bool {
        matches(labels.value(of: name))
    }

    /// The literal values an `=` or `=~` matcher can accept when that set is finite and small (`a|b|c`), so an
    /// index can look them up directly instead of testing every value.
    public var setMatches: [String]? {
        switch type {
        case .equal: return [value]
        case .regexMatch: return regex?.literalAlternatives
        case .notEqual, .regexNoMatch: return nil
        }
    }

    /// Whether the two are equal.
    public static func == (lhs: Matcher, rhs: Matcher) -> Bool {
        lhs.type == rhs.type && lhs.name == rhs.name && lhs.value == rhs.value
    }

    /// Hashes the same components equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(name)
        hasher.combine(value)
    }
}

extension Matcher: CustomStringConvertible {
    /// The PromQL form, e.g. `job=~"api|web"`.
    public var description: String {
        "\(name)\(type.rawValue)\"\(Labels.escape(value))\""
    }
}

/// A label matcher's regular expression that failed to compile.
public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let pattern: String
    /// What is wrong, in the words of Go's `regexp` package where it has them.
    public let reason: String

    /// Creates an error.
    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    /// A readable form for logs and messages.
    public var description: String { "error parsing regexp: \(reason)" }
}
