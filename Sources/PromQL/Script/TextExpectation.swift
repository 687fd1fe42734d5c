/// How an expected error or annotation message is matched: anything, exactly, or by a regular expression found
/// anywhere in the message (Go's `regexp.MatchString`).
enum TextExpectation: Sendable, Hashable, CustomStringConvertible {
    /// Any message.
    case any
    /// Exactly this message (`msg:`, `expected_fail_message`).
    case message(String)
    /// A regular expression (`regex:`, `expected_fail_regexp`), unanchored.
    case regex(String)

    /// Whether `text` satisfies the expectation.
    func matches(_ text: String) -> Bool {
        switch self {
        case .any: return true
        case .message(let message): return text == message
        case .regex(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return text.contains(regex)
        }
    }

    /// Whether `pattern` compiles.
    static func isValidRegex(_ pattern: String) -> Bool {
        (try? Regex(pattern)) != nil
    }

    /// `any`, the message in quotes, or `/pattern/`.
    var description: String {
        switch self {
        case .any: "any error"
        case .message(let message): "error \"\(message)\""
        case .regex(let pattern): "error matching /\(pattern)/"
        }
    }
}
