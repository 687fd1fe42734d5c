/// A compiled regular expression matched against whole strings, by Unicode scalar like RE2 matches by rune.
struct CompiledRegex: @unchecked Sendable {
    // @unchecked: `Regex` holds an immutable compiled program; matching never mutates it and it is safe to share.
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` with `.` matching newlines (`(?s:…)`).
    init(_ pattern: String) throws(MatcherError) {
        do {
            // RE2's `\d`, `\w`, `\s` and `\b` are ASCII-only; Swift's default to Unicode.
            regex = try Regex("(?s:" + pattern + ")").matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses()
        } catch {
            throw MatcherError(pattern: pattern, reason: "\(error)")
        }
    }

    /// Whether the regex matches the whole of `value`.
    func wholeMatch(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }

    /// Whether the regex matches anywhere in `value`.
    func firstMatch(_ value: String) -> Bool {
        (try? regex.firstMatch(in: value)) != nil
    }
}
