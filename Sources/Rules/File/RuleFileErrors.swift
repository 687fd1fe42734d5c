/// Why a rule file did not load: every error Prometheus reports for it, in its words.
///
/// Decoding errors (YAML syntax, a wrong type, an unknown field, an invalid duration) stop the load and come
/// alone; validation errors (names, expressions, templates, ...) are all collected. `description` prints one per
/// line as promtool does, each prefixed with the path (`rules.yml: 5:15: group "g", rule 1, "r": ...`).
public struct RuleFileErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given; empty for standard input (messages then have no prefix).
    public var path: String
    /// The messages without the path prefix, e.g. `0:0: group "g", rule 1, "": one of 'record' or 'alert' must be
    /// set`. A YAML type error message spans several lines (`yaml: unmarshal errors:\n  line 8: ...`).
    public var messages: [String]

    /// Creates the error list of one file.
    public init(path: String, messages: [String]) {
        self.path = path
        self.messages = messages
    }

    /// The messages, one per line, each prefixed with `path: `.
    public var description: String {
        messages.map { path.isEmpty ? $0 : "\(path): \($0)" }.joined(separator: "\n")
    }
}
