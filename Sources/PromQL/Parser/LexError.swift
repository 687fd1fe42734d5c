/// A lexical error: Prometheus's message and the offset of the token being read.
struct LexError: Error, Sendable, Hashable {
    /// The message, e.g. `unexpected character: '$'`.
    var message: String
    /// Where the token that failed starts.
    var start: Int
}
