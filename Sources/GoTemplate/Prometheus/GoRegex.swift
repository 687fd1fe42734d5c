import Foundation

/// A Go (RE2) regular expression run on Swift Regex: the pattern is checked with Go's syntax rules and error texts,
/// then translated so that Swift matches what Go would (code-point semantics, ASCII `\d \s \w \b`, `$` = end of text,
/// `.` excluding only `\n`, RE2's `(?U)` and POSIX classes). Matching uses Go's leftmost-first semantics, which the
/// backtracking engine shares. Compiled expressions are shared between threads: a `Regex` is immutable once built
/// (its lowered program is published atomically), which is why the wrapper is `@unchecked Sendable`.
final class GoRegex: @unchecked Sendable {
    /// A syntax error, printed as Go's `regexp/syntax.Error`.
    struct SyntaxError: Error, Sendable {
        var code: String
        var expression: String

        var description: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    let pattern: String
    let regex: Regex<AnyRegexOutput>
    /// Capture group names by group number (index 0 is the whole match); nil for unnamed groups.
    let groupNames: [String?]

    private init(pattern: String, regex: Regex<AnyRegexOutput>, groupNames: [String?]) {
        self.pattern = pattern
        self.regex = regex
        self.groupNames = groupNames
    }

    private static let cache = RegexCache()

    /// Compiles `pattern` (cached).
    static func compile(_ pattern: String) -> Result<GoRegex, SyntaxError> {
        if let cached = cache.lookup(pattern) { return .success(cached) }
        let result: Result<GoRegex, SyntaxError>
        do throws(SyntaxError) {
            var translator = RE2Translator(Array(pattern.unicodeScalars), original: pattern)
            let (swiftPattern, names) = try translator.translate()
            guard let compiled = try? Regex(swiftPattern) else {
                throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: pattern)
            }
            let regex = compiled.matchingSemantics(.unicodeScalar).wordBoundaryKind(.simple)
                .asciiOnlyWordCharacters()
            result = .success(GoRegex(pattern: pattern, regex: regex, groupNames: [nil] + names))
        } catch {
            result = .failure(error)
        }
        if case .success(let value) = result { cache.store(pattern, value) }
        return result
    }

    /// `regexp.MatchString`: an unanchored search.
    func matches(_ text: String) -> Bool {
        text.firstMatch(of: regex) != nil
    }

    /// `Regexp.ReplaceAllString`: every non-overlapping match replaced by `template` with `$1`/`${name}` expanded.
    func replaceAll(_ text: String, with template: String) -> String {
        var out = ""
        var lastMatchEnd = text.startIndex
        for match in text.matches(of: regex) {
            let range = match.range
            if range.isEmpty && range.lowerBound == lastMatchEnd && range.lowerBound != text.startIndex {
                continue
            }
            out += text[lastMatchEnd..<range.lowerBound]
            expand(template, match: match, source: text, into: &out)
            lastMatchEnd = range.upperBound
        }
        out += text[lastMatchEnd...]
        return out
    }

    private func group(_ number: Int, in match: Regex<AnyRegexOutput>.Match) -> Range<String.Index>? {
        guard number >= 0, number < match.output.count else { return nil }
        return match.output[number].range
    }

    /// Go's `Regexp.expand`.
    private func expand(_ template: String, match: Regex<AnyRegexOutput>.Match, source: String, into out: inout String)
    {
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
                continue
            }
            guard let (name, number, remainder) = Self.extract(rest) else {
                out += "$"
                continue
            }
            rest = remainder
            if number >= 0 {
                if let range = group(number, in: match) { out += source[range] }
            } else {
                for (index, groupName) in groupNames.enumerated() where groupName == name {
                    if let range = group(index, in: match) {
                        out += source[range]
                        break
                    }
                }
            }
        }
        out += rest
    }

    /// Go's `extract`: a `name` or `{name}` reference after `$`, with its group number (-1 when not a number).
    private static func extract(_ text: Substring) -> (String, Int, Substring)? {
        var body = text
        var brace = false
        if body.first == "{" {
            brace = true
            body = body.dropFirst()
        }
        var end = body.startIndex
        while end < body.endIndex {
            let scalar = body.unicodeScalars[end]
            let category = scalar.properties.generalCategory
            let isLetter = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
                .contains(category)
            guard isLetter || category == .decimalNumber || scalar == "_" else { break }
            end = body.unicodeScalars.index(after: end)
        }
        guard end > body.startIndex else { return nil }
        let name = String(body[..<end])
        var rest = body[end...]
        if brace {
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        var number = 0
        for scalar in name.unicodeScalars {
            guard ("0"..."9").contains(scalar), number < 100_000_000 else {
                number = -1
                break
            }
            number = number * 10 + Int(scalar.value) - 48
        }
        if name.hasPrefix("0") && name.count > 1 { number = -1 }
        return (name, number, rest)
    }
}

/// A small bounded cache of compiled expressions.
private final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: GoRegex] = [:]
    private let capacity = 512

    func lookup(_ pattern: String) -> GoRegex? {
        lock.lock()
        defer { lock.unlock() }
        return entries[pattern]
    }

    func store(_ pattern: String, _ regex: GoRegex) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[pattern] = regex
    }
}
