/// Parses an RE2 pattern the way Go's `regexp/syntax` does (Perl flags: `ClassNL | OneLine | PerlX |
/// UnicodeGroups`), reporting Go's errors, and writes an equivalent Swift Regex pattern. Every capturing group is
/// emitted unnamed; the names are returned separately.
struct RE2Translator {
    typealias SyntaxError = GoRegex.SyntaxError

    private struct Flags {
        var foldCase = false
        var oneLine = true
        var dotNL = false
        var nonGreedy = false
    }

    /// One output item; `repeatable` is false for the pseudo items (alternation bar, flag-only groups).
    private struct Item {
        var text: String
        var repeatable: Bool
    }

    /// An open group.
    private struct Frame {
        var items: [Item] = []
        var savedFlags: Flags
        var opening: String
        var isCapture: Bool
    }

    private static let maxNesting = 1000

    private let source: [Unicode.Scalar]
    private let original: String
    private var index = 0
    private var flags = Flags()
    private var frames: [Frame]
    private var names: [String?] = []

    init(_ source: [Unicode.Scalar], original: String) {
        self.source = source
        self.original = original
        frames = [Frame(savedFlags: Flags(), opening: "", isCapture: false)]
    }

    /// The Swift pattern and the capture group names (group 1 first).
    mutating func translate() throws(SyntaxError) -> (String, [String?]) {
        var lastRepeatStart: Int?
        while index < source.count {
            let start = index
            var repeatStart: Int?
            switch source[index] {
            case "(":
                try openGroup()
            case "|":
                index += 1
                frames[frames.count - 1].items.append(Item(text: "|", repeatable: false))
            case ")":
                try closeGroup()
            case "^":
                index += 1
                append(flags.oneLine ? "^" : "(?m:^)")
            case "$":
                index += 1
                append(flags.oneLine ? "\\z" : "(?m:$)")
            case ".":
                index += 1
                append(flags.dotNL ? "[\\x{0}-\\x{10FFFF}]" : "[^\\n]")
            case "[":
                append(try parseClass())
            case "*", "+", "?":
                let op = String(source[index])
                index += 1
                try applyRepeat(op, start: start, lastRepeatStart: lastRepeatStart)
                repeatStart = start
            case "{":
                if let (minimum, maximum, end) = parseRepeatBounds(at: index) {
                    index = end
                    if minimum < 0 || minimum > 1000 || maximum > 1000 || (maximum >= 0 && minimum > maximum) {
                        throw SyntaxError(code: "invalid repeat count", expression: text(start, index))
                    }
                    let op: String
                    if maximum == -1 {
                        op = "{\(minimum),}"
                    } else {
                        op = minimum == maximum ? "{\(minimum)}" : "{\(minimum),\(maximum)}"
                    }
                    try applyRepeat(op, start: start, lastRepeatStart: lastRepeatStart)
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
        return (frames[0].items.map(\.text).joined(), names)
    }

    // MARK: - Output

    private func text(_ from: Int, _ to: Int) -> String {
        String(String.UnicodeScalarView(source[from..<min(to, source.count)]))
    }

    private mutating func append(_ text: String) {
        frames[frames.count - 1].items.append(Item(text: text, repeatable: true))
    }

    private func literal(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) { return String(scalar) }
        if !scalar.isASCII && GoText.isPrint(scalar) && !scalar.properties.isWhitespace { return String(scalar) }
        return "\\x{" + String(scalar.value, radix: 16) + "}"
    }

    private func classLiteral(_ scalar: Unicode.Scalar) -> String {
        "\\x{" + String(scalar.value, radix: 16) + "}"
    }

    // MARK: - Groups

    private mutating func openGroup() throws(SyntaxError) {
        if frames.count > Self.maxNesting {
            throw SyntaxError(code: "expression nests too deeply", expression: original)
        }
        let rest = source[index...]
        if rest.count >= 2 && source[index + 1] == "?" {
            try parsePerlFlags()
            return
        }
        index += 1
        names.append(nil)
        frames.append(Frame(savedFlags: flags, opening: "(", isCapture: true))
    }

    private mutating func closeGroup() throws(SyntaxError) {
        guard frames.count > 1 else { throw SyntaxError(code: "unexpected )", expression: original) }
        index += 1
        let frame = frames.removeLast()
        flags = frame.savedFlags
        append(frame.opening + frame.items.map(\.text).joined() + ")")
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
            frames.append(Frame(savedFlags: flags, opening: "(", isCapture: true))
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
            case "i": newFlags.foldCase = !negated; sawFlag = true
            case "m": newFlags.oneLine = negated; sawFlag = true
            case "s": newFlags.dotNL = !negated; sawFlag = true
            case "U": newFlags.nonGreedy = !negated; sawFlag = true
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
                let fold = newFlags.foldCase ? "i" : "-i"
                if scalar == ":" {
                    frames.append(Frame(savedFlags: flags, opening: "(?\(fold):", isCapture: false))
                    flags = newFlags
                } else {
                    flags = newFlags
                    frames[frames.count - 1].items.append(Item(text: "(?\(fold))", repeatable: false))
                }
                return
            default:
                throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
            }
        }
        throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(start, index))
    }

    // MARK: - Repetition

    private mutating func applyRepeat(_ op: String, start: Int, lastRepeatStart: Int?) throws(SyntaxError) {
        var lazy = flags.nonGreedy
        if index < source.count && source[index] == "?" {
            index += 1
            lazy.toggle()
        }
        if let lastRepeatStart {
            throw SyntaxError(code: "invalid nested repetition operator", expression: text(lastRepeatStart, index))
        }
        var items = frames[frames.count - 1].items
        guard let target = items.lastIndex(where: { $0.repeatable || $0.text == "|" }), items[target].repeatable
        else {
            throw SyntaxError(code: "missing argument to repetition operator", expression: text(start, index))
        }
        items[target].text = "(?:" + items[target].text + ")" + op + (lazy ? "?" : "")
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
            case "A":
                index += 2
                append("\\A")
                return
            case "b":
                index += 2
                append("\\b")
                return
            case "B":
                index += 2
                append("\\B")
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
            case "z":
                index += 2
                append("\\z")
                return
            case "p", "P":
                append(try parseUnicodeClass(negatedContext: false))
                return
            default:
                if let perl = perlClass(source[index + 1]) {
                    index += 2
                    append(perl)
                    return
                }
            }
        }
        append(literal(try parseEscape()))
    }

    /// `\d \s \w` and negations as ASCII classes.
    private func perlClass(_ letter: Unicode.Scalar) -> String? {
        switch letter {
        case "d": "[0-9]"
        case "D": "[^0-9]"
        case "s": "[\\t\\n\\x{c}\\r ]"
        case "S": "[^\\t\\n\\x{c}\\r ]"
        case "w": "[0-9A-Za-z_]"
        case "W": "[^0-9A-Za-z_]"
        default: nil
        }
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
            if index < source.count && ("0"..."7").contains(source[index]) {
                return octal(first: scalar)
            }
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
                guard let digit = Int(String(scalar), radix: 16), scalar.isASCII else { return nil }
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

    /// `\pL`, `\p{Greek}`, `\P{^Greek}` as a Swift property class.
    private mutating func parseUnicodeClass(negatedContext: Bool) throws(SyntaxError) -> String {
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
        let sequence = text(start, index)
        let validName =
            name.unicodeScalars.first.map { $0.properties.isUppercase } ?? false
            && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) }
        guard validName else { throw SyntaxError(code: "invalid character class range", expression: sequence) }
        let body = name == "Any" ? "\\x{0}-\\x{10FFFF}" : "\\p{\(name)}"
        guard (try? Regex("[" + body + "]")) != nil else {
            throw SyntaxError(code: "invalid character class range", expression: sequence)
        }
        if negatedContext { return negated ? "[^" + body + "]" : body }
        return negated ? "[^" + body + "]" : "[" + body + "]"
    }

    // MARK: - Classes

    private static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x{0}-\\x{7f}", "blank": "\\t ",
        "cntrl": "\\x{0}-\\x{1f}\\x{7f}", "digit": "0-9", "graph": "\\x{21}-\\x{7e}", "lower": "a-z",
        "print": "\\x{20}-\\x{7e}", "punct": "\\x{21}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{60}\\x{7b}-\\x{7e}",
        "space": "\\t\\n\\x{b}\\x{c}\\r ", "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]

    /// Go's `parseClass`: `[...]` rebuilt as an unambiguous Swift class.
    private mutating func parseClass() throws(SyntaxError) -> String {
        let wholeClass = text(index, source.count)
        index += 1
        var out = "["
        if index < source.count && source[index] == "^" {
            out += "^"
            index += 1
        }
        var first = true
        while index >= source.count || source[index] != "]" || first {
            first = false
            if index + 2 < source.count && source[index] == "[" && source[index + 1] == ":",
                let piece = try namedClass()
            {
                out += piece
                continue
            }
            if index + 1 < source.count && source[index] == "\\" {
                let letter = source[index + 1]
                if letter == "p" || letter == "P" {
                    out += try parseUnicodeClass(negatedContext: true)
                    continue
                }
                if let perl = perlClass(letter) {
                    index += 2
                    out += perl
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
            out += classLiteral(low)
            if high != low { out += "-" + classLiteral(high) }
        }
        index += 1
        return out + "]"
    }

    private mutating func classChar(_ wholeClass: String) throws(SyntaxError) -> Unicode.Scalar {
        guard index < source.count else { throw SyntaxError(code: "missing closing ]", expression: wholeClass) }
        if source[index] == "\\" { return try parseEscape() }
        let scalar = source[index]
        index += 1
        return scalar
    }

    /// `[:alpha:]` / `[:^alpha:]`; nil when the text is not a named class (then `[` is a literal).
    private mutating func namedClass() throws(SyntaxError) -> String? {
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
        guard let body = Self.posixClasses[name] else {
            throw SyntaxError(code: "invalid character class range", expression: fullName)
        }
        index = end + 2
        return negated ? "[^" + body + "]" : body
    }
}
