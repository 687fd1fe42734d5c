/// The four label-matching operators of a PromQL selector.
public enum MatchType: String, Sendable, Hashable, CaseIterable {
    /// `=`: the value equals the string.
    case equal = "="
    /// `!=`: the value differs from the string.
    case notEqual = "!="
    /// `=~`: the whole value matches the regular expression.
    case regexMatch = "=~"
    /// `!~`: the whole value does not match the regular expression.
    case regexNoMatch = "!~"
}
