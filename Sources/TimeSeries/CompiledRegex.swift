/// A compiled regular expression matched against whole strings, by Unicode scalar like RE2 matches by rune.
struct CompiledRegex: @unchecked Sendable {
    // @unchecked: `Regex` holds an immutable compiled program; matching never mutates it and it is safe to share.
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` with `.` matching newlines (`(?s:…)`).
    init(_ pattern: String) throws(MatcherError) {
        do {
            // RE2's `\d`, `\w`, `\s` and `\b` are ASCII-only; Swift's default to Unicode.
            let translated = CompiledRegex.translateRE2(pattern)
            regex = try Regex("(?s:" + translated + ")").matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses()
        } catch {
            throw MatcherError(pattern: pattern, reason: "\(error)")
        }
    }

    /// ASCII ranges of the POSIX classes: RE2 defines them over ASCII, Swift over Unicode.
    private static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
        "cntrl": "\\x00-\\x1F\\x7F", "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~",
        "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_",
        "xdigit": "0-9A-Fa-f",
    ]

    /// Rewrites the RE2 spellings Swift's regex syntax lacks or reads differently: `\pL` → `\p{L}`, a `]` first in
    /// a class (`[]a]`) is a literal, POSIX classes are ASCII, and `&`, `~` in a class are literals (Swift reads
    /// `&&`, `~~` as set operations).
    static func translateRE2(_ pattern: String) -> String {
        let chars = Array(pattern)
        var out = ""
        var index = 0
        var inClass = false
        while index < chars.count {
            let character = chars[index]
            if character == "\\", index + 1 < chars.count {
                let next = chars[index + 1]
                if next == "p" || next == "P", index + 2 < chars.count, chars[index + 2] != "{" {
                    out += "\\\(next){\(chars[index + 2])}"
                    index += 3
                } else {
                    out.append(character)
                    out.append(next)
                    index += 2
                }
                continue
            }
            if inClass {
                if character == "[", index + 1 < chars.count, chars[index + 1] == ":",
                    let end = (index + 2..<chars.count).first(where: { chars[$0] == "]" }), end > index + 2,
                    chars[end - 1] == ":", let ranges = posixClasses[String(chars[(index + 2)..<(end - 1)])]
                {
                    out += ranges
                    index = end + 1
                    continue
                }
                if character == "]" { inClass = false }
                if character == "&" || character == "~" { out.append("\\") }
                out.append(character)
                index += 1
                continue
            }
            out.append(character)
            index += 1
            if character == "[" {
                inClass = true
                if index < chars.count, chars[index] == "^" {
                    out.append("^")
                    index += 1
                }
                if index < chars.count, chars[index] == "]" {
                    out += "\\]"
                    index += 1
                }
            }
        }
        return out
    }

    /// Whether the regex matches the whole of `value`.
    func wholeMatch(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }

    /// Whether the regex matches anywhere in `value`.
    func firstMatch(_ value: String) -> Bool {
        (try? regex.firstMatch(in: value)) != nil
    }

    /// The capture groups of a match of the whole of `value` (group 0 is the whole string), or nil when the regex
    /// does not match the whole value.
    func wholeMatchCaptures(_ value: String) -> [RegexCapture]? {
        guard let match = try? regex.wholeMatch(in: value) else { return nil }
        return match.output.map { RegexCapture(name: $0.name, value: $0.substring) }
    }
}
