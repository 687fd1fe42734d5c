/// PromQL's lexer, one pass over the UTF-8 bytes of a query, producing tokens on demand.
///
/// It follows Prometheus's `lex.go` state by state (inside braces, inside brackets, the first token after `[`), since
/// which characters are accepted and the wording of errors depend on that state. Comments and spaces are skipped.
struct Lexer {
    /// The query.
    let bytes: [UInt8]
    /// The next byte to read.
    var position = 0
    /// Where the token being read starts.
    var tokenStart = 0
    /// Open `(` minus `)`.
    var parenDepth = 0
    /// Inside `{…}`.
    var braceOpen = false
    /// Inside `[…]`.
    var bracketOpen = false
    /// A `:` was read since the last `[`.
    var gotColon = false
    /// A number or duration began right after a `[` at some point (Prometheus never resets this).
    var gotDuration = false
    /// The next token is read by Prometheus's `lexDurationExpr` state (right after `[` until a number, or `]`).
    var inDurationExpression = false

    /// Creates a lexer over `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next token (comments and spaces skipped), or the lexical error at this point.
    mutating func next() throws(LexError) -> Token {
        while true {
            let token: Token?
            if braceOpen {
                token = try lexInsideBraces()
            } else if inDurationExpression {
                token = try lexDurationExpression()
            } else {
                token = try lexStatement()
            }
            if let token { return token }
        }
    }

    // MARK: - Primitives

    var atEnd: Bool { position >= bytes.count }

    /// The byte at `position`, or nil at the end.
    var peekByte: UInt8? { position < bytes.count ? bytes[position] : nil }

    func token(_ kind: TokenKind) -> Token {
        Token(kind: kind, start: tokenStart, end: position)
    }

    func fail(_ message: String) -> LexError {
        LexError(message: message, start: tokenStart)
    }

    /// Consumes the next byte if it is one of `set`.
    mutating func accept(_ set: StaticString) -> Bool {
        guard let byte = peekByte, Lexer.contains(set, byte) else { return false }
        position += 1
        return true
    }

    static func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
        set.withUTF8Buffer { $0.contains(byte) }
    }

    /// The rune starting at `offset` and its width in bytes; nil at the end.
    func rune(at offset: Int) -> (scalar: Unicode.Scalar?, width: Int) {
        guard offset < bytes.count else { return (nil, 0) }
        let lead = bytes[offset]
        let width: Int
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: width = 2
        case 0xE0..<0xF0: width = 3
        default: width = 4
        }
        guard offset + width <= bytes.count else { return (nil, 1) }
        var decoder = UTF8()
        var iterator = bytes[offset..<(offset + width)].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, width) }
        return (nil, 1)
    }

    /// Whether the rune at `offset` is U+FFFD, which Go's lexer cannot tell from an invalid byte.
    func isReplacementCharacter(at offset: Int) -> Bool {
        offset + 2 < bytes.count && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBF && bytes[offset + 2] == 0xBD
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isAlphaNumeric(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return isAlpha(byte) || isDigit(byte)
    }

    /// ASCII lowercase of `word` (other bytes unchanged), as a string.
    static func lowercased(_ word: ArraySlice<UInt8>) -> String {
        String(decoding: word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    mutating func skipSpaces() {
        while let byte = peekByte, Lexer.isSpace(byte) { position += 1 }
    }

    /// Skips `#` up to (not including) the end of the line.
    mutating func skipComment() {
        position += 1
        while let byte = peekByte, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { position += 1 }
    }

    /// `unexpected character…: 'x'` for the rune that starts at `offset`.
    func quotedRune(at offset: Int) -> String {
        GoQuoting.quoteRune(rune(at: offset).scalar)
    }

    // MARK: - States

    /// Prometheus's `lexStatements`: the top-level state.
    private mutating func lexStatement() throws(LexError) -> Token? {
        tokenStart = position
        guard let byte = peekByte else {
            if parenDepth != 0 { throw fail("unclosed left parenthesis") }
            if bracketOpen { throw fail("unclosed left bracket") }
            return token(.eof)
        }
        if byte == UInt8(ascii: "#") {
            skipComment()
            return nil
        }
        position += 1
        switch byte {
        case UInt8(ascii: ","): return token(.comma)
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            skipSpaces()
            return nil
        case UInt8(ascii: "*"): return token(.mul)
        case UInt8(ascii: "/"): return token(.div)
        case UInt8(ascii: "%"): return token(.mod)
        case UInt8(ascii: "+"): return token(.add)
        case UInt8(ascii: "-"): return token(.sub)
        case UInt8(ascii: "^"): return token(.pow)
        case UInt8(ascii: "="):
            if accept("=") { return token(.equal) }
            if peekByte == UInt8(ascii: "~") { throw fail("unexpected character after '=': '~'") }
            return token(.assign)
        case UInt8(ascii: "!"):
            let (scalar, width) = rune(at: position)
            position += width
            guard scalar == "=" else { throw fail("unexpected character after '!': \(GoQuoting.quoteRune(scalar))") }
            return token(.notEqual)
        case UInt8(ascii: "<"):
            let kind: TokenKind = accept("=") ? .lessOrEqual : .less
            return token(kind)
        case UInt8(ascii: ">"):
            let kind: TokenKind = accept("=") ? .greaterOrEqual : .greater
            return token(kind)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try lexString(quote: byte)
        case UInt8(ascii: "`"):
            return try lexRawString()
        case UInt8(ascii: "("):
            parenDepth += 1
            return token(.leftParen)
        case UInt8(ascii: ")"):
            let result = token(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 {
                tokenStart = position
                throw fail("unexpected right parenthesis ')'")
            }
            return result
        case UInt8(ascii: "{"):
            braceOpen = true
            return token(.leftBrace)
        case UInt8(ascii: "["):
            if bracketOpen { throw fail("unexpected left bracket '['") }
            gotColon = false
            let result = token(.leftBracket)
            skipSpaces()
            bracketOpen = true
            inDurationExpression = true
            return result
        case UInt8(ascii: "]"):
            guard bracketOpen else { throw fail("unexpected right bracket ']'") }
            bracketOpen = false
            return token(.rightBracket)
        case UInt8(ascii: "@"):
            return token(.at)
        default:
            if Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && peekByte.map(Lexer.isDigit) == true) {
                position -= 1
                return try lexNumberOrDuration()
            }
            if Lexer.isAlpha(byte) || byte == UInt8(ascii: ":") {
                if !bracketOpen {
                    position -= 1
                    return lexKeywordOrIdentifier()
                }
                return try lexInsideBracketsAfterFirstToken(byte)
            }
            throw fail("unexpected character: \(quotedRune(at: tokenStart))")
        }
    }

    /// A letter or `:` while a `[` is open (after its first token): a subquery colon or `step`/`range`/`min`/`max`.
    private mutating func lexInsideBracketsAfterFirstToken(_ byte: UInt8) throws(LexError) -> Token {
        if byte == UInt8(ascii: ":") {
            if gotColon { throw fail("unexpected colon ':'") }
            gotColon = true
            let kind: TokenKind = accept(":") ? .doubleColon : .colon
            return token(kind)
        }
        if Lexer.contains("sSmM", byte), let keyword = scanDurationKeyword() {
            return keyword
        }
        throw fail("unexpected character: \(quotedRune(at: tokenStart)), expected ':'")
    }

    /// Reads the rest of a word that started at `tokenStart` and returns it as `step`, `range`, `min`, `max`,
    /// `min_of` or `max_of`.
    private mutating func scanDurationKeyword() -> Token? {
        while let byte = peekByte, Lexer.isAlpha(byte) { position += 1 }
        let word = Lexer.lowercased(bytes[tokenStart..<position])
        switch word {
        case "step": return token(.step)
        case "range": return token(.range)
        case "min": return token(.aggregator(.min))
        case "max": return token(.aggregator(.max))
        case "min_of", "max_of": return token(.identifier)
        default: return nil
        }
    }

    /// Prometheus's `lexKeywordOrIdentifier`: a word of letters, digits, `_` and `:`.
    private mutating func lexKeywordOrIdentifier() -> Token {
        var hasColon = false
        while let byte = peekByte, Lexer.isAlphaNumeric(byte) || byte == UInt8(ascii: ":") {
            if byte == UInt8(ascii: ":") { hasColon = true }
            position += 1
        }
        let length = position - tokenStart
        if !hasColon, length <= 12 {
            let word = Lexer.lowercased(bytes[tokenStart..<position])
            if let keyword = TokenKind.keywords[word] {
                switch keyword {
                case .fill, .fillLeft, .fillRight:
                    // Only a keyword before `(`, so that `fill` stays usable as a metric name.
                    if followedByLeftParen() { return token(keyword) }
                default:
                    return token(keyword)
                }
            }
        }
        return token(hasColon ? .metricIdentifier : .identifier)
    }

    private func followedByLeftParen() -> Bool {
        var offset = position
        while offset < bytes.count, Lexer.isSpace(bytes[offset]) { offset += 1 }
        return offset < bytes.count && bytes[offset] == UInt8(ascii: "(")
    }

    /// Prometheus's `lexInsideBraces`: label matchers, where keywords are plain identifiers.
    private mutating func lexInsideBraces() throws(LexError) -> Token? {
        tokenStart = position
        guard let byte = peekByte else { throw fail("unexpected end of input inside braces") }
        if byte == UInt8(ascii: "#") {
            skipComment()
            return nil
        }
        position += 1
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            skipSpaces()
            return nil
        case UInt8(ascii: ","): return token(.comma)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try lexString(quote: byte)
        case UInt8(ascii: "`"): return try lexRawString()
        case UInt8(ascii: "="):
            let kind: TokenKind = accept("~") ? .regexMatch : .assign
            return token(kind)
        case UInt8(ascii: "!"):
            let (scalar, width) = rune(at: position)
            position += width
            switch scalar {
            case "~": return token(.regexNoMatch)
            case "=": return token(.notEqual)
            default:
                throw fail("unexpected character after '!' inside braces: \(GoQuoting.quoteRune(scalar))")
            }
        case UInt8(ascii: "{"): throw fail("unexpected left brace '{'")
        case UInt8(ascii: "}"):
            braceOpen = false
            return token(.rightBrace)
        default:
            if Lexer.isAlpha(byte) {
                while Lexer.isAlphaNumeric(peekByte) { position += 1 }
                return token(.identifier)
            }
            throw fail("unexpected character inside braces: \(quotedRune(at: tokenStart))")
        }
    }

    /// Prometheus's `lexDurationExpr`: the first token after `[` (and any sign, parenthesis or function before it).
    private mutating func lexDurationExpression() throws(LexError) -> Token? {
        tokenStart = position
        guard let byte = peekByte else { throw fail("unexpected end of input in duration expression") }
        position += 1
        switch byte {
        case UInt8(ascii: "]"):
            inDurationExpression = false
            bracketOpen = false
            gotColon = false
            return token(.rightBracket)
        case UInt8(ascii: ":"):
            let result = token(.colon)
            tokenStart = position
            if !gotDuration { throw fail("unexpected colon before duration in duration expression") }
            if gotColon { throw fail("unexpected repeated colon in duration expression") }
            gotColon = true
            return result
        case UInt8(ascii: "("):
            parenDepth += 1
            return token(.leftParen)
        case UInt8(ascii: ")"):
            let result = token(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 {
                tokenStart = position
                throw fail("unexpected right parenthesis ')'")
            }
            return result
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            skipSpaces()
            return nil
        case UInt8(ascii: "+"): return token(.add)
        case UInt8(ascii: "-"): return token(.sub)
        case UInt8(ascii: "*"): return token(.mul)
        case UInt8(ascii: "/"): return token(.div)
        case UInt8(ascii: "%"): return token(.mod)
        case UInt8(ascii: "^"): return token(.pow)
        case UInt8(ascii: ","): return token(.comma)
        default:
            if Lexer.contains("sSmMrR", byte) {
                if let keyword = scanDurationKeyword() { return keyword }
                throw fail("unexpected character in duration expression: \(quotedRune(at: tokenStart))")
            }
            if Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && peekByte.map(Lexer.isDigit) == true) {
                position -= 1
                gotDuration = true
                inDurationExpression = false
                return try lexNumberOrDuration()
            }
            throw fail("unexpected character in duration expression: \(quotedRune(at: tokenStart))")
        }
    }
}
