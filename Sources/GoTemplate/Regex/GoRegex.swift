import Foundation

/// A Go (RE2) regular expression: parsed with Go's syntax rules and error texts, and matched by a Pike VM with RE2's
/// semantics (code points, ASCII `\d \s \w \b`, `$` = end of text unless `(?m)`, `.` excluding only `\n`,
/// leftmost-first alternation, linear time).
final class GoRegex: Sendable {
    /// A syntax error, printed as Go's `regexp/syntax.Error`.
    struct SyntaxError: Error, Sendable {
        var code: String
        var expression: String

        var description: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    let pattern: String
    private let program: RegexProgram
    /// Capture group names by group number (index 0 is the whole match); nil for unnamed groups.
    let groupNames: [String?]

    private init(pattern: String, program: RegexProgram, groupNames: [String?]) {
        self.pattern = pattern
        self.program = program
        self.groupNames = groupNames
    }

    private static let cache = RegexCache()

    /// Compiles `pattern` (cached).
    static func compile(_ pattern: String) -> Result<GoRegex, SyntaxError> {
        if let cached = cache.lookup(pattern) { return .success(cached) }
        do throws(SyntaxError) {
            var parser = RE2Parser(pattern)
            let node = try parser.parse()
            let program = try RegexProgram(node, groupCount: parser.names.count + 1)
            let regex = GoRegex(pattern: pattern, program: program, groupNames: [nil] + parser.names)
            cache.store(pattern, regex)
            return .success(regex)
        } catch {
            return .failure(error)
        }
    }

    private static func scalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value)
    }

    private static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }

    /// `regexp.MatchString`: an unanchored search.
    func matches(_ text: String) -> Bool {
        program.search(Self.scalars(text), from: 0) != nil
    }

    /// `Regexp.ReplaceAllString`: every non-overlapping match replaced by `template` with `$1`/`${name}` expanded;
    /// an empty match right after the previous match is not replaced (Go's rule).
    func replaceAll(_ text: String, with template: String) -> String {
        let input = Self.scalars(text)
        var out = String.UnicodeScalarView()
        var lastMatchEnd = 0
        var searchPosition = 0
        while searchPosition <= input.count, let match = program.search(input, from: searchPosition) {
            out.append(contentsOf: Self.string(input[lastMatchEnd..<match[0]]).unicodeScalars)
            if match[1] > lastMatchEnd || match[0] == 0 {
                expand(template, match: match, input: input, into: &out)
            }
            lastMatchEnd = match[1]
            searchPosition = match[1] > searchPosition ? match[1] : searchPosition + 1
        }
        out.append(contentsOf: Self.string(input[lastMatchEnd...]).unicodeScalars)
        return String(out)
    }

    /// Go's `Regexp.expand`.
    private func expand(_ template: String, match: [Int], input: [UInt32], into out: inout String.UnicodeScalarView) {
        func append(group number: Int) -> Bool {
            guard number >= 0, 2 * number + 1 < match.count, match[2 * number] >= 0 else { return false }
            out.append(contentsOf: Self.string(input[match[2 * number]..<match[2 * number + 1]]).unicodeScalars)
            return true
        }
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            out.append(contentsOf: rest[..<dollar].unicodeScalars)
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out.append("$")
                rest = rest.dropFirst()
                continue
            }
            guard let (name, number, remainder) = Self.extract(rest) else {
                out.append("$")
                continue
            }
            rest = remainder
            if number >= 0 {
                _ = append(group: number)
            } else {
                for (index, groupName) in groupNames.enumerated() where groupName == name {
                    if append(group: index) { break }
                }
            }
        }
        out.append(contentsOf: rest.unicodeScalars)
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
