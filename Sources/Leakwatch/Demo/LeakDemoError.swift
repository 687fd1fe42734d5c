/// Why the walk-through did not finish.
public struct LeakDemoError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for the user.
    public let description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
