/// A parsed RE2 expression.
indirect enum RegexNode: Sendable {
    case empty
    case set(CodePointSet)
    case assertion(RegexAssertion)
    case capture(Int, RegexNode)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `max` is -1 for no upper bound.
    case repetition(RegexNode, min: Int, max: Int, greedy: Bool)
}
