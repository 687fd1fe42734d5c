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
        let scalars = Array(template.unicodeScalars)
        var index = 0
        while let dollar = scalars[index...].firstIndex(of: "$") {
            out.append(contentsOf: scalars[index..<dollar])
            index = dollar + 1
            if index < scalars.count && scalars[index] == "$" {
                out.append("$")
                index += 1
                continue
            }
            guard let (name, number, next) = Self.extract(scalars, from: index) else {
                out.append("$")
                continue
            }
            index = next
            if number >= 0 {
                _ = append(group: number)
            } else {
                for (group, groupName) in groupNames.enumerated() where groupName == name {
                    if append(group: group) { break }
                }
            }
        }
        out.append(contentsOf: scalars[index...])
    }

    /// Go's `extract`: a `name` or `{name}` reference after `$`, with its group number (-1 when not a number) and
    /// the index after it.
    private static func extract(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int, Int)? {
        var index = start
        let brace = index < scalars.count && scalars[index] == "{"
        if brace { index += 1 }
        let nameStart = index
        while index < scalars.count {
            let scalar = scalars[index]
            let category = scalar.properties.generalCategory
            let isLetter = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
                .contains(category)
            guard isLetter || category == .decimalNumber || scalar == "_" else { break }
            index += 1
        }
        guard index > nameStart else { return nil }
        let nameScalars = scalars[nameStart..<index]
        if brace {
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            index += 1
        }
        var number = 0
        for scalar in nameScalars {
            guard ("0"..."9").contains(scalar), number < 100_000_000 else {
                number = -1
                break
            }
            number = number * 10 + Int(scalar.value) - 48
        }
        if nameScalars.first == "0" && nameScalars.count > 1 { number = -1 }
        return (String(String.UnicodeScalarView(nameScalars)), number, index)
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
