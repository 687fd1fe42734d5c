/// The `@` modifier of a selector or subquery.
public enum AtModifier: Sendable, Hashable {
    /// `@ <unix seconds>`, stored as milliseconds.
    case timestamp(Int64)
    /// `@ start()`: the start of the query range (the evaluation time for instant queries).
    case start
    /// `@ end()`: the end of the query range (the evaluation time for instant queries).
    case end
}
