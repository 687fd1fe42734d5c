/// A half-open range of UTF-8 byte offsets into the query text, `start..<end`.
public struct PositionRange: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a range from `start` to `end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
