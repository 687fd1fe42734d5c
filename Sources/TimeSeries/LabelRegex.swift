/// A fully anchored regular expression for label values, with fast paths for the common shapes.
///
/// Semantics follow Prometheus: the pattern is compiled as `^(?s:pattern)$` with RE2 syntax, so `.` also matches a
/// newline and a match must cover the whole value. Literals, alternations of literals (`a|b|c`), `.*`, `.+`,
/// `prefix.*`, `.*suffix` and `.*infix.*` never reach the regex engine. Constructs RE2 does not support
/// (lookaround, backreferences, atomic groups, possessive quantifiers) are rejected as Prometheus rejects them.
@usableFromInline
final class LabelRegex: Sendable {
    private enum Strategy: Sendable {
        case any
        case nonEmpty
        case literal(String)
        case set(Set<String>)
        case prefix(String)
        case suffix(String)
        case infix(String)
        case general(CompiledRegex)
    }

    private let strategy: Strategy
    /// The accepted values when the pattern is a finite set of literals, in pattern order.
    let literalAlternatives: [String]?

    init(_ pattern: String) throws(MatcherError) {
        try LabelRegex.validateRE2(pattern)
        if pattern == ".*" {
            strategy = .any
            literalAlternatives = nil
        } else if pattern == ".+" {
            strategy = .nonEmpty
            literalAlternatives = nil
        } else if let literal = LabelRegex.literal(pattern) {
            strategy = .literal(literal)
            literalAlternatives = [literal]
        } else if let alternatives = LabelRegex.alternatives(pattern) {
            strategy = .set(Set(alternatives))
            literalAlternatives = alternatives
        } else if pattern.hasPrefix(".*"), pattern.hasSuffix(".*"), pattern.count > 4,
            let infix = LabelRegex.literal(String(pattern.dropFirst(2).dropLast(2)))
        {
            strategy = .infix(infix)
            literalAlternatives = nil
        } else if pattern.hasSuffix(".*"), let prefix = LabelRegex.literal(String(pattern.dropLast(2))) {
            strategy = .prefix(prefix)
            literalAlternatives = nil
        } else if pattern.hasPrefix(".*"), let suffix = LabelRegex.literal(String(pattern.dropFirst(2))) {
            strategy = .suffix(suffix)
            literalAlternatives = nil
        } else {
            strategy = .general(try CompiledRegex(pattern))
            literalAlternatives = nil
        }
    }

    @usableFromInline
    func matches(_ value: String) -> Bool {
        switch strategy {
        case .any: return true
        case .nonEmpty: return !value.isEmpty
        case .literal(let literal): return value == literal
        case .set(let set): return set.contains(value)
        case .prefix(let prefix): return value.utf8.starts(with: prefix.utf8)
        case .suffix(let suffix): return value.utf8.reversed().starts(with: suffix.utf8.reversed())
        case .infix(let infix): return value.utf8.contains(infix.utf8)
        case .general(let regex): return regex.wholeMatch(value)
        }
    }

    // MARK: - Pattern analysis

    private static let metaCharacters: Set<Character> = [
        "\\", ".", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}",
        "^", "$",
    ]

    /// The string a pattern matches when it has no operators at all; `\` before punctuation is an escaped literal.
    private static func literal(_ pattern: String) -> String? {
        var result = ""
        var escaped = false
        for character in pattern {
            if escaped {
                guard character.isASCII, character.isPunctuation || character.isSymbol else { return nil }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if metaCharacters.contains(character) {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }

    /// The literals of a pattern of the form `a|b|c` (at least two alternatives, none empty of operators).
    private static func alternatives(_ pattern: String) -> [String]? {
        var source = Substring(pattern)
        if source.hasPrefix("("), source.hasSuffix(")"), !source.hasPrefix("(?") {
            source = source.dropFirst().dropLast()
        }
        let parts = source.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return nil }
        var result: [String] = []
        for part in parts {
            guard let literal = literal(String(part)) else { return nil }
            // A repeated alternative (`a|a`) is listed once: index lookups union one posting list per value.
            if !result.contains(literal) { result.append(literal) }
        }
        return result
    }

    /// Rejects syntax that Swift's regex engine accepts but RE2 (and so Prometheus) does not.
    static func validateRE2(_ pattern: String) throws(MatcherError) {
        let chars = Array(pattern)
        var index = 0
        var inClass = false
        var depth = 0
        func fail(_ reason: String) -> MatcherError { MatcherError(pattern: pattern, reason: reason) }
        while index < chars.count {
            let character = chars[index]
            if character == "\\" {
                guard index + 1 < chars.count else { throw fail("trailing backslash at end of expression: ``") }
                let next = chars[index + 1]
                if !inClass, next.isNumber, next != "0" {
                    throw fail("invalid escape sequence: `\\\(next)`")
                }
                if "ZGkKRXgiNVjJ".contains(next) {
                    throw fail("invalid escape sequence: `\\\(next)`")
                }
                index += 2
                continue
            }
            if inClass {
                if character == "[", index + 1 < chars.count, chars[index + 1] == ":" {
                    if let end = (index + 2..<chars.count).first(where: { chars[$0] == "]" }) {
                        index = end + 1
                        continue
                    }
                }
                if character == "]" { inClass = false }
                index += 1
                continue
            }
            switch character {
            case "[":
                inClass = true
                // A `]` right after `[` or `[^` is a literal member of the class.
                if index + 1 < chars.count, chars[index + 1] == "^" { index += 1 }
                if index + 1 < chars.count, chars[index + 1] == "]" { index += 1 }
            case "(":
                depth += 1
                if index + 2 < chars.count, chars[index + 1] == "?" {
                    let next = chars[index + 2]
                    if next == "=" || next == "!" || next == ">" || next == "|" || next == "#" {
                        throw fail("invalid or unsupported Perl syntax: `(?\(next)`")
                    }
                    if next == "<", index + 3 < chars.count, chars[index + 3] == "=" || chars[index + 3] == "!" {
                        throw fail("invalid or unsupported Perl syntax: `(?<`")
                    }
                }
            case ")":
                depth -= 1
                if depth < 0 { throw fail("unexpected ): `\(pattern)`") }
            case "*", "+", "?", "}":
                if index + 1 < chars.count, chars[index + 1] == "+" {
                    throw fail("invalid nested repetition operator: `\(character)+`")
                }
            default:
                break
            }
            index += 1
        }
        if inClass { throw fail("missing closing ]: `\(pattern)`") }
        if depth > 0 { throw fail("missing closing ): `\(pattern)`") }
    }
}
