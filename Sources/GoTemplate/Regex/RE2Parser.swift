/// Parses an RE2 pattern the way Go's `regexp/syntax` does with `regexp.Compile`'s flags (`ClassNL | OneLine |
/// PerlX | UnicodeGroups`): same grammar, same flags (`i m s U`), same error codes and error fragments.
struct RE2Parser {
    typealias SyntaxError = GoRegex.SyntaxError

    private struct Flags {
        var foldCase = false
        var oneLine = true
        var dotNL = false
        var nonGreedy = false
    }

    /// An element of the group being parsed; bars separate alternatives, flag groups are markers that a repetition
    /// operator skips (Go does not push anything for them).
    private enum Item {
        case node(RegexNode)
        case bar
        case flags
    }

    /// An open group.
    private struct Frame {
        var items: [Item] = []
        var savedFlags: Flags
        var capture: Int?
    }

    private static let maxNesting = 1000

    private let source: [Unicode.Scalar]
    private let original: String
    private var index = 0
    private var flags = Flags()
    private var frames: [Frame]
    private(set) var names: [String?] = []

    init(_ pattern: String) {
        source = Array(pattern.unicodeScalars)
        original = pattern
        frames = [Frame(savedFlags: Flags(), capture: nil)]
    }

    /// The expression tree; capture groups are numbered from 1 in `names` order.
    mutating func parse() throws(SyntaxError) -> RegexNode {
        var lastRepeatStart: Int?
        while index < source.count {
            let start = index
            var repeatStart: Int?
            switch source[index] {
            case "(":
                try openGroup()
            case "|":
                index += 1
                frames[frames.count - 1].items.append(.bar)
            case ")":
                try closeGroup()
            case "^":
                index += 1
                append(.assertion(flags.oneLine ? .beginText : .beginLine))
            case "$":
                index += 1
                append(.assertion(flags.oneLine ? .endText : .endLine))
            case ".":
                index += 1
                append(.set(CodePointSet.anyCharacter(includingNewline: flags.dotNL)))
            case "[":
                append(.set(try parseClass()))
            case "*", "+", "?":
                let op = source[index]
                index += 1
                let (minimum, maximum) = op == "*" ? (0, -1) : (op == "+" ? (1, -1) : (0, 1))
                try applyRepeat(minimum, maximum, start: start, lastRepeatStart: lastRepeatStart)
                repeatStart = start
            case "{":
                if let (minimum, maximum, end) = parseRepeatBounds(at: index) {
                    index = end
                    if minimum < 0 || minimum > 1000 || maximum > 1000 || (maximum >= 0 && minimum > maximum) {
                        throw SyntaxError(code: "invalid repeat count", expression: text(start, index))
                    }
                    try applyRepeat(minimum, maximum, start: start, lastRepeatStart: lastRepeatStart)
                    repeatStart = start
                } else {
                    index += 1
                    append(literal("{"))
                }
            case "\\":
                try parseEscapeOutsideClass()
            default:
                append(literal(source[index]))
                index += 1
            }
            lastRepeatStart = repeatStart
        }
        if frames.count != 1 { throw SyntaxError(code: "missing closing )", expression: original) }
        return Self.collapse(frames[0].items)
    }

    // MARK: - Building

    private func text(_ from: Int, _ to: Int) -> String {
        String(String.UnicodeScalarView(source[from..<min(to, source.count)]))
    }

    private mutating func append(_ node: RegexNode) {
        frames[frames.count - 1].items.append(.node(node))
    }

    private func literal(_ scalar: Unicode.Scalar) -> RegexNode {
        .set(CodePointSet(scalar.value, foldCase: flags.foldCase))
    }

    /// Alternatives separated by bars, each a concatenation.
    private static func collapse(_ items: [Item]) -> RegexNode {
        var alternatives: [[RegexNode]] = [[]]
        for item in items {
            switch item {
            case .node(let node): alternatives[alternatives.count - 1].append(node)
            case .bar: alternatives.append([])
            case .flags: continue
            }
        }
        let branches = alternatives.map { nodes -> RegexNode in
            switch nodes.count {
            case 0: .empty
            case 1: nodes[0]
            default: .concatenation(nodes)
            }
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    // MARK: - Groups

    private mutating func openGroup() throws(SyntaxError) {
        if frames.count > Self.maxNesting {
            throw SyntaxError(code: "expression nests too deeply", expression: original)
        }
        if source.count - index >= 2 && source[index + 1] == "?" {
            try parsePerlFlags()
            return
        }
        index += 1
        names.append(nil)
        frames.append(Frame(savedFlags: flags, capture: names.count))
    }

    private mutating func closeGroup() throws(SyntaxError) {
        guard frames.count > 1 else { throw SyntaxError(code: "unexpected )", expression: original) }
        index += 1
        let frame = frames.removeLast()
        flags = frame.savedFlags
        let body = Self.collapse(frame.items)
        append(frame.capture.map { .capture($0, body) } ?? body)
    }

    private static func isCaptureNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
    }

    private mutating func parsePerlFlags() throws(SyntaxError) {
        let start = index
        let remaining = source.count - index
        let startsWithP = remaining > 4 && source[index + 2] == "P" && source[index + 3] == "<"
        let startsWithName = remaining > 3 && source[index + 2] == "<"
        if startsWithP || startsWithName {
            let begin = index + (startsWithP ? 4 : 3)
            guard let end = source[index...].firstIndex(of: ">") else {
                throw SyntaxError(code: "invalid named capture", expression: text(start, source.count))
            }
            let name = text(begin, end)
            if name.isEmpty || !name.unicodeScalars.allSatisfy(Self.isCaptureNameCharacter) {
                throw SyntaxError(code: "invalid named capture", expression: text(start, end + 1))
            }
            index = end + 1
            names.append(name)
            frames.append(Frame(savedFlags: flags, capture: names.count))
            return
        }
        index += 2
        var newFlags = flags
        var negated = false
        var sawFlag = false
        while index < source.count {
            let scalar = source[index]
            index += 1
            switch scalar {
            case "i":
                newFlags.foldCase = !negated
                sawFlag = true
            case "m":
                newFlags.oneLine = negated
                sawFlag = true
            case "s":
                newFlags.dotNL = !negated
                sawFlag = true
            case "U":
                newFlags.nonGreedy = !negated
                sawFlag = true
            case "-":
                if negated {
                    throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
                }
                negated = true
                sawFlag = false
            case ":", ")":
                if negated && !sawFlag {
                    throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
                }
                if scalar == ":" {
                    frames.append(Frame(savedFlags: flags, capture: nil))
                } else {
                    frames[frames.count - 1].items.append(.flags)
                }
                flags = newFlags
                return
            default:
                throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
            }
        }
        throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
    }

    // MARK: - Repetition

    private mutating func applyRepeat(_ minimum: Int, _ maximum: Int, start: Int, lastRepeatStart: Int?)
        throws(SyntaxError)
    {
        var greedy = !flags.nonGreedy
        if index < source.count && source[index] == "?" {
            index += 1
            greedy.toggle()
        }
        if let lastRepeatStart {
            throw SyntaxError(code: "invalid nested repetition operator", expression: text(lastRepeatStart, index))
        }
        var items = frames[frames.count - 1].items
        let target = items.lastIndex { item in
            if case .flags = item { return false }
            return true
        }
        guard let target, case .node(let node) = items[target] else {
            throw SyntaxError(code: "missing argument to repetition operator", expression: text(start, index))
        }
        items[target] = .node(.repetition(node, min: minimum, max: maximum, greedy: greedy))
        frames[frames.count - 1].items = items
    }

    /// Go's `parseRepeat`: `{n}`, `{n,}`, `{n,m}`; nil when the text is not a repeat (then `{` is a literal).
    private func parseRepeatBounds(at start: Int) -> (Int, Int, Int)? {
        var position = start + 1
        func number() -> Int? {
            let begin = position
            while position < source.count && ("0"..."9").contains(source[position]) { position += 1 }
            guard position > begin else { return nil }
            if position - begin >= 2 && source[begin] == "0" { return nil }
            let digits = String(String.UnicodeScalarView(source[begin..<position]))
            guard digits.count <= 8, let value = Int(digits) else { return -1 }
            return value
        }
        guard var minimum = number() else { return nil }
        var maximum = minimum
        guard position < source.count else { return nil }
        if source[position] == "," {
            position += 1
            guard position < source.count else { return nil }
            if source[position] == "}" {
                maximum = -1
            } else {
                guard let value = number() else { return nil }
                maximum = value
                if value < 0 { minimum = -1 }
            }
        }
        guard position < source.count, source[position] == "}" else { return nil }
        return (minimum, maximum, position + 1)
    }

    // MARK: - Escapes

    private mutating func parseEscapeOutsideClass() throws(SyntaxError) {
        if index + 1 < source.count {
            switch source[index + 1] {
            case "A", "b", "B", "z":
                let assertion: RegexAssertion
                switch source[index + 1] {
                case "A": assertion = .beginText
                case "b": assertion = .wordBoundary
                case "B": assertion = .notWordBoundary
                default: assertion = .endText
                }
                index += 2
                append(.assertion(assertion))
                return
            case "C":
                throw SyntaxError(code: "invalid escape sequence", expression: "\\C")
            case "Q":
                index += 2
                while index < source.count {
                    if source[index] == "\\" && index + 1 < source.count && source[index + 1] == "E" {
                        index += 2
                        return
                    }
                    append(literal(source[index]))
                    index += 1
                }
                return
            case "p", "P":
                append(.set(try parseUnicodeClass()))
                return
            default:
                if let perl = perlClass(source[index + 1]) {
                    index += 2
                    append(.set(perl))
                    return
                }
            }
        }
        append(literal(try parseEscape()))
    }

    /// `\d \s \w` and their negations (ASCII, as in RE2).
    private func perlClass(_ letter: Unicode.Scalar) -> CodePointSet? {
        var set: CodePointSet
        switch letter {
        case "d", "D": set = CodePointSet(ranges: [48...57])
        case "s", "S": set = CodePointSet(ranges: [9...10, 12...13, 32...32])
        case "w", "W": set = CodePointSet(ranges: [48...57, 65...90, 95...95, 97...122])
        default: return nil
        }
        set.negated = letter.properties.isUppercase
        set.foldCase = flags.foldCase
        return set
    }

    /// Go's `parseEscape`: a single escaped character.
    private mutating func parseEscape() throws(SyntaxError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < source.count else {
            throw SyntaxError(code: "trailing backslash at end of expression", expression: "")
        }
        let scalar = source[index]
        index += 1
        switch scalar {
        case "1"..."7":
            if index < source.count && ("0"..."7").contains(source[index]) { return octal(first: scalar) }
        case "0":
            return octal(first: scalar)
        case "x":
            if let value = hexEscape() { return value }
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        default:
            if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) { return scalar }
        }
        throw SyntaxError(code: "invalid escape sequence", expression: text(start, index))
    }

    private mutating func octal(first: Unicode.Scalar) -> Unicode.Scalar {
        var value = first.value - 48
        for _ in 1..<3 {
            guard index < source.count, ("0"..."7").contains(source[index]) else { break }
            value = value * 8 + source[index].value - 48
            index += 1
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private mutating func hexEscape() -> Unicode.Scalar? {
        guard index < source.count else { return nil }
        let first = source[index]
        index += 1
        if first == "{" {
            var value: UInt32 = 0
            var digits = 0
            while true {
                guard index < source.count else { return nil }
                let scalar = source[index]
                index += 1
                if scalar == "}" { break }
                guard scalar.isASCII, let digit = Int(String(scalar), radix: 16) else { return nil }
                value = value * 16 + UInt32(digit)
                if value > 0x10FFFF { return nil }
                digits += 1
            }
            guard digits > 0 else { return nil }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
        guard index < source.count else { return nil }
        let second = source[index]
        index += 1
        guard first.isASCII, second.isASCII, let high = Int(String(first), radix: 16),
            let low = Int(String(second), radix: 16)
        else { return nil }
        return Unicode.Scalar(UInt32(high * 16 + low))
    }

    /// `\pL`, `\p{Greek}`, `\P{^Greek}`.
    private mutating func parseUnicodeClass() throws(SyntaxError) -> CodePointSet {
        let start = index
        var negated = source[index + 1] == "P"
        index += 2
        guard index < source.count else {
            throw SyntaxError(code: "invalid character class range", expression: text(start, index))
        }
        var name: String
        if source[index] != "{" {
            name = String(source[index])
            index += 1
        } else {
            guard let end = source[index...].firstIndex(of: "}") else {
                throw SyntaxError(code: "invalid character class range", expression: text(start, source.count))
            }
            name = text(index + 1, end)
            index = end + 1
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        var set = CodePointSet()
        if name == "Any" {
            set = CodePointSet(ranges: [0...0x10FFFF])
        } else if let categories = UnicodeCategories.categories(name) {
            set.properties = [.categories(categories)]
        } else if let ranges = UnicodeScripts.ranges(name) {
            set = CodePointSet(ranges: ranges)
        } else {
            throw SyntaxError(code: "invalid character class range", expression: text(start, index))
        }
        set.negated = negated
        set.foldCase = flags.foldCase
        return set
    }

    // MARK: - Classes

    private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [48...57, 65...90, 97...122], "alpha": [65...90, 97...122], "ascii": [0...0x7F],
        "blank": [9...9, 32...32], "cntrl": [0...0x1F, 0x7F...0x7F], "digit": [48...57], "graph": [0x21...0x7E],
        "lower": [97...122], "print": [0x20...0x7E], "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
        "space": [9...13, 32...32], "upper": [65...90], "word": [48...57, 65...90, 95...95, 97...122],
        "xdigit": [48...57, 65...70, 97...102],
    ]

    /// Go's `parseClass`.
    private mutating func parseClass() throws(SyntaxError) -> CodePointSet {
        let wholeClass = text(index, source.count)
        index += 1
        var set = CodePointSet()
        set.foldCase = flags.foldCase
        if index < source.count && source[index] == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while index >= source.count || source[index] != "]" || first {
            first = false
            if index + 2 < source.count && source[index] == "[" && source[index + 1] == ":",
                let named = try namedClass()
            {
                set.add(named)
                continue
            }
            if index + 1 < source.count && source[index] == "\\" {
                let letter = source[index + 1]
                if letter == "p" || letter == "P" {
                    set.add(try parseUnicodeClass())
                    continue
                }
                if let perl = perlClass(letter) {
                    index += 2
                    set.add(perl)
                    continue
                }
            }
            let rangeStart = index
            let low = try classChar(wholeClass)
            var high = low
            if index + 1 < source.count && source[index] == "-" && source[index + 1] != "]" {
                index += 1
                high = try classChar(wholeClass)
                if high.value < low.value {
                    throw SyntaxError(code: "invalid character class range", expression: text(rangeStart, index))
                }
            }
            set.add(low.value...high.value)
        }
        index += 1
        return set
    }

    private mutating func classChar(_ wholeClass: String) throws(SyntaxError) -> Unicode.Scalar {
        guard index < source.count else { throw SyntaxError(code: "missing closing ]", expression: wholeClass) }
        if source[index] == "\\" { return try parseEscape() }
        let scalar = source[index]
        index += 1
        return scalar
    }

    /// `[:alpha:]` / `[:^alpha:]`; nil when the text is not a named class (then `[` is a literal).
    private mutating func namedClass() throws(SyntaxError) -> CodePointSet? {
        var end = index + 2
        while end + 1 < source.count && !(source[end] == ":" && source[end + 1] == "]") { end += 1 }
        guard end + 1 < source.count else { return nil }
        let fullName = text(index, end + 2)
        var name = text(index + 2, end)
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        guard let ranges = Self.posixClasses[name] else {
            throw SyntaxError(code: "invalid character class range", expression: fullName)
        }
        index = end + 2
        var set = CodePointSet(ranges: ranges)
        set.negated = negated
        set.foldCase = flags.foldCase
        return set
    }
}
