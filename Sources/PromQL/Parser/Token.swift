/// One token of a PromQL query: its kind and its UTF-8 byte range.
struct Token: Hashable, Sendable {
    /// What the token is.
    var kind: TokenKind
    /// Offset of its first byte.
    var start: Int
    /// Offset one past its last byte.
    var end: Int

    /// The token's range as a `PositionRange`.
    var range: PositionRange { PositionRange(start: start, end: end) }
}
