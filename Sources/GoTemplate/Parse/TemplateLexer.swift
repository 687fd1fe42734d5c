/// Go's template lexer (`text/template/parse/lex.go`), reproduced state for state so that token boundaries, byte
/// positions, line numbers and error texts are the same. It works on the UTF-8 bytes of the text.
final class TemplateLexer {
    private enum State {
        case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable
        case char, number, quote, rawQuote
    }

    private static let eof: Unicode.Scalar? = nil

    private var input: [UInt8]
    private var pos = 0
    private var start = 0
    private var atEOF = false
    private var parenDepth = 0
    private var line = 1
    private var startLine = 1
    private var item = TemplateItem(kind: .eof, pos: 0, value: "EOF", line: 1)
    private var insideAction = false

    init(_ text: String) {
        input = Array(text.utf8)
    }

    /// The next token.
    func nextItem() -> TemplateItem {
        item = TemplateItem(kind: .eof, pos: pos, value: "EOF", line: startLine)
        var state: State? = insideAction ? .insideAction : .text
        while let current = state {
            state = run(current)
        }
        return item
    }

    private func run(_ state: State) -> State? {
        switch state {
        case .text: lexText()
        case .leftDelim: lexLeftDelim()
        case .comment: lexComment()
        case .rightDelim: lexRightDelim()
        case .insideAction: lexInsideAction()
        case .space: lexSpace()
        case .identifier: lexIdentifier()
        case .field: lexFieldOrVariable(.field)
        case .variable: lexVariable()
        case .char: lexChar()
        case .number: lexNumber()
        case .quote: lexQuote()
        case .rawQuote: lexRawQuote()
        }
    }

    // MARK: - Primitives

    private func next() -> Unicode.Scalar? {
        guard pos < input.count else {
            atEOF = true
            return Self.eof
        }
        let (scalar, width) = GoStrconv.decodeScalar(input[pos...])
        pos += width
        if scalar == "\n" { line += 1 }
        return scalar
    }

    private func peek() -> Unicode.Scalar? {
        let scalar = next()
        backup()
        return scalar
    }

    private func backup() {
        guard !atEOF, pos > 0 else { return }
        var begin = pos - 1
        while begin > 0 && input[begin] & 0xC0 == 0x80 && pos - begin < 4 { begin -= 1 }
        if input[begin] == UInt8(ascii: "\n") && pos - begin == 1 { line -= 1 }
        pos = begin
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private func newlines(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        var count = 0
        for index in from..<to where input[index] == UInt8(ascii: "\n") { count += 1 }
        return count
    }

    private func thisItem(_ kind: TemplateItem.Kind) -> TemplateItem {
        let result = TemplateItem(kind: kind, pos: start, value: text(start, pos), line: startLine)
        start = pos
        startLine = line
        return result
    }

    private func emit(_ kind: TemplateItem.Kind) -> State? {
        emitItem(thisItem(kind))
    }

    private func emitItem(_ result: TemplateItem) -> State? {
        item = result
        return nil
    }

    private func ignore() {
        line += newlines(start, pos)
        start = pos
        startLine = line
    }

    private func accept(_ valid: String) -> Bool {
        if let scalar = next(), valid.unicodeScalars.contains(scalar) { return true }
        backup()
        return false
    }

    private func acceptRun(_ valid: String) {
        while let scalar = next(), valid.unicodeScalars.contains(scalar) {}
        backup()
    }

    private func errorf(_ message: String) -> State? {
        item = TemplateItem(kind: .error, pos: start, value: message, line: startLine)
        start = 0
        pos = 0
        input = []
        return nil
    }

    private func hasPrefix(_ prefix: String, at offset: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        guard offset >= 0, offset + bytes.count <= input.count else { return false }
        for (index, byte) in bytes.enumerated() where input[offset + index] != byte { return false }
        return true
    }

    private static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    /// Go's `isAlphaNumeric`: `_`, letters and digits.
    static func isAlphaNumeric(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private func hasLeftTrimMarker(at offset: Int) -> Bool {
        offset + 1 < input.count && input[offset] == UInt8(ascii: "-") && Self.isSpaceByte(input[offset + 1])
    }

    private func hasRightTrimMarker(at offset: Int) -> Bool {
        offset >= 0 && offset + 1 < input.count && Self.isSpaceByte(input[offset])
            && input[offset + 1] == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix("}}", at: pos + 2) { return (true, true) }
        if hasPrefix("}}", at: pos) { return (true, false) }
        return (false, false)
    }

    private func trailingSpaceLength(_ from: Int, _ to: Int) -> Int {
        var index = to
        while index > from && Self.isSpaceByte(input[index - 1]) { index -= 1 }
        return to - index
    }

    private func leadingSpaceLength(_ from: Int) -> Int {
        var index = from
        while index < input.count && Self.isSpaceByte(input[index]) { index += 1 }
        return index - from
    }

    private func indexOf(_ needle: String, from: Int) -> Int? {
        let bytes = Array(needle.utf8)
        guard !bytes.isEmpty, input.count >= bytes.count else { return nil }
        var index = from
        while index + bytes.count <= input.count {
            if input[index] == bytes[0] && hasPrefix(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    // MARK: - States

    private func lexText() -> State? {
        if let found = indexOf("{{", from: pos) {
            if found > pos {
                pos = found
                var trimLength = 0
                if hasLeftTrimMarker(at: pos + 2) { trimLength = trailingSpaceLength(start, pos) }
                pos -= trimLength
                line += newlines(start, pos)
                let textItem = thisItem(.text)
                pos += trimLength
                ignore()
                if !textItem.value.isEmpty { return emitItem(textItem) }
            }
            return .leftDelim
        }
        pos = input.count
        if pos > start {
            line += newlines(start, pos)
            return emit(.text)
        }
        return emit(.eof)
    }

    private func lexLeftDelim() -> State? {
        pos += 2
        let trim = hasLeftTrimMarker(at: pos)
        let afterMarker = trim ? 2 : 0
        if hasPrefix("/*", at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return .comment
        }
        let delim = thisItem(.leftDelim)
        insideAction = true
        pos += afterMarker
        ignore()
        parenDepth = 0
        return emitItem(delim)
    }

    private func lexComment() -> State? {
        pos += 2
        guard let end = indexOf("*/", from: pos) else { return errorf("unclosed comment") }
        pos = end + 2
        let (delim, trim) = atRightDelim()
        guard delim else { return errorf("comment ends before closing delimiter") }
        line += newlines(start, pos)
        _ = thisItem(.comment)
        if trim { pos += 2 }
        pos += 2
        if trim { pos += leadingSpaceLength(pos) }
        ignore()
        return .text
    }

    private func lexRightDelim() -> State? {
        let (_, trim) = atRightDelim()
        if trim {
            pos += 2
            ignore()
        }
        pos += 2
        let delim = thisItem(.rightDelim)
        if trim {
            pos += leadingSpaceLength(pos)
            ignore()
        }
        insideAction = false
        return emitItem(delim)
    }

    private func lexInsideAction() -> State? {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return .rightDelim }
            return errorf("unclosed left paren")
        }
        guard let scalar = next() else { return errorf("unclosed action") }
        switch scalar {
        case _ where Self.isSpace(scalar):
            backup()
            return .space
        case "=":
            return emit(.assign)
        case ":":
            if next() != "=" { return errorf("expected :=") }
            return emit(.declare)
        case "|":
            return emit(.pipe)
        case "\"":
            return .quote
        case "`":
            return .rawQuote
        case "$":
            return .variable
        case "'":
            return .char
        case ".":
            if pos < input.count {
                let following = input[pos]
                if following < UInt8(ascii: "0") || following > UInt8(ascii: "9") { return .field }
            }
            backup()
            return .number
        case "+", "-", "0"..."9":
            backup()
            return .number
        case _ where Self.isAlphaNumeric(scalar):
            backup()
            return .identifier
        case "(":
            parenDepth += 1
            return emit(.leftParen)
        case ")":
            parenDepth -= 1
            if parenDepth < 0 { return errorf("unexpected right paren") }
            return emit(.rightParen)
        default:
            if scalar.value <= 0x7F && GoText.isPrint(scalar) { return emit(.char) }
            return errorf("unrecognized character in action: \(GoText.sharpU(scalar))")
        }
    }

    private func lexSpace() -> State? {
        var count = 0
        while Self.isSpace(peek()) {
            _ = next()
            count += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix("}}", at: pos + 1) {
            backup()
            if count == 1 { return .rightDelim }
        }
        return emit(.space)
    }

    private func lexIdentifier() -> State? {
        while true {
            let scalar = next()
            if Self.isAlphaNumeric(scalar) { continue }
            backup()
            let word = text(start, pos)
            if !atTerminator() { return errorf("bad character \(badCharacter(scalar))") }
            if let keyword = TemplateItem.Kind.keyword(word) { return emit(keyword) }
            if word.first == "." { return emit(.field) }
            if word == "true" || word == "false" { return emit(.bool) }
            return emit(.identifier)
        }
    }

    private func badCharacter(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "U+FFFFFFFFFFFFFFFF" }
        return GoText.sharpU(scalar)
    }

    private func lexVariable() -> State? {
        if atTerminator() { return emit(.variable) }
        return lexFieldOrVariable(.variable)
    }

    private func lexFieldOrVariable(_ kind: TemplateItem.Kind) -> State? {
        if atTerminator() { return emit(kind == .variable ? .variable : .dot) }
        var scalar: Unicode.Scalar?
        while true {
            scalar = next()
            if !Self.isAlphaNumeric(scalar) {
                backup()
                break
            }
        }
        if !atTerminator() { return errorf("bad character \(badCharacter(scalar))") }
        return emit(kind)
    }

    private func atTerminator() -> Bool {
        let scalar = peek()
        if Self.isSpace(scalar) { return true }
        switch scalar {
        case nil, ".", ",", "|", ":", ")", "(": return true
        default: return hasPrefix("}}", at: pos)
        }
    }

    private func lexChar() -> State? {
        loop: while true {
            switch next() {
            case "\\":
                if let escaped = next(), escaped != "\n" { continue loop }
                return errorf("unterminated character constant")
            case nil, "\n":
                return errorf("unterminated character constant")
            case "'":
                break loop
            default:
                continue loop
            }
        }
        return emit(.charConstant)
    }

    private func lexNumber() -> State? {
        if !scanNumber() { return errorf("bad number syntax: \(GoText.quote(text(start, pos)))") }
        if let sign = peek(), sign == "+" || sign == "-" {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                return errorf("bad number syntax: \(GoText.quote(text(start, pos)))")
            }
            return emit(.complex)
        }
        return emit(.number)
    }

    private func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Self.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    private func lexQuote() -> State? {
        loop: while true {
            switch next() {
            case "\\":
                if let escaped = next(), escaped != "\n" { continue loop }
                return errorf("unterminated quoted string")
            case nil, "\n":
                return errorf("unterminated quoted string")
            case "\"":
                break loop
            default:
                continue loop
            }
        }
        return emit(.string)
    }

    private func lexRawQuote() -> State? {
        loop: while true {
            switch next() {
            case nil: return errorf("unterminated raw quoted string")
            case "`": break loop
            default: continue loop
            }
        }
        return emit(.rawString)
    }
}
