/// A configuration problem, pointing at the file, line and column and naming the key.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file path.
    public let file: String
    /// 1-based line, 0 when unknown.
    public let line: Int
    /// 1-based column, 0 when unknown.
    public let column: Int
    /// The key path, e.g. `otlp.max_body_bytes`.
    public let key: String
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:col: key: message`, the shape compilers and promtool use.
    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        return key.isEmpty ? "\(position): \(message)" : "\(position): \(key): \(message)"
    }
}
