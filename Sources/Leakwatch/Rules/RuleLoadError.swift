/// Rule files that could not be loaded when the server started.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    /// One message per problem, each naming its file (and line and column where known).
    public var errors: [String]

    /// The messages, one per line.
    public var description: String {
        "cannot load the rule files:\n" + errors.joined(separator: "\n")
    }
}
