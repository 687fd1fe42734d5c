/// A range vector selector `selector[range]`; the offset and `@` live on the inner vector selector.
public struct MatrixSelector: Sendable, Hashable {
    /// The selector whose samples are taken over the range.
    public var selector: VectorSelector
    /// The range in milliseconds (> 0).
    public var range: Int64
    /// Where the whole `selector[range] offset … @ …` is in the source.
    public var position: PositionRange

    /// Creates a range selector.
    public init(selector: VectorSelector, range: Int64, position: PositionRange) {
        self.selector = selector
        self.range = range
        self.position = position
    }
}
