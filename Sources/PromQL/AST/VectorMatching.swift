/// How the two sides of a vector/vector binary operation are matched (`on`/`ignoring`, `group_left`/`group_right`).
public struct VectorMatching: Sendable, Hashable {
    /// The cardinality of a match.
    public enum Cardinality: Sendable, Hashable {
        /// One-to-one (the default for arithmetic and comparisons).
        case oneToOne
        /// `group_left`: many on the left to one on the right.
        case manyToOne
        /// `group_right`: one on the left to many on the right.
        case oneToMany
        /// Set operators `and or unless`.
        case manyToMany
    }

    /// The cardinality.
    public var cardinality: Cardinality
    /// The labels named in `on(...)` or `ignoring(...)`.
    public var matchingLabels: [String]
    /// True for `on(...)`, false for `ignoring(...)` or no clause.
    public var on: Bool
    /// The extra labels named in `group_left(...)`/`group_right(...)` copied from the "one" side.
    public var include: [String]

    /// Creates a matching description.
    public init(cardinality: Cardinality, matchingLabels: [String] = [], on: Bool = false, include: [String] = []) {
        self.cardinality = cardinality
        self.matchingLabels = matchingLabels
        self.on = on
        self.include = include
    }
}
