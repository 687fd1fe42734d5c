/// A syntax or type error in a PromQL expression, printed like Prometheus: `1:5: parse error: unexpected <op:*>`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the query the error is.
    public var position: PositionRange
    /// The message without the position prefix, in Prometheus's wording.
    public var message: String
    /// The query text, to turn the offset into line and column.
    public var query: String

    /// Creates an error.
    public init(position: PositionRange, message: String, query: String) {
        self.position = position
        self.message = message
        self.query = query
    }

    /// 1-based line and column of `position.start` (the column counts bytes, as Prometheus does).
    public var lineAndColumn: (line: Int, column: Int) {
        let bytes = Array(query.utf8)
        let offset = min(max(position.start, 0), bytes.count)
        var line = 1
        var lastBreak = -1
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lastBreak = index
        }
        return (line, offset - lastBreak)
    }

    /// `line:col: parse error: message`; for an empty query `unknown position: parse error: …`, as in Prometheus.
    public var description: String {
        guard !query.isEmpty else { return "unknown position: parse error: \(message)" }
        let (line, column) = lineAndColumn
        return "\(line):\(column): parse error: \(message)"
    }
}
