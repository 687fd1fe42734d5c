/// A line of a PromQL test script that does not follow the format, printed as `file:line: message`.
public struct PromQLTestScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The script's name as given to the parser.
    public var fileName: String
    /// The 1-based line.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(fileName: String, line: Int, message: String) {
        self.fileName = fileName
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(fileName):\(line): \(message)" }
}
