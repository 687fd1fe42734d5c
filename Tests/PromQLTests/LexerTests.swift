import Testing

@testable import PromQL

@Suite("PromQL lexer")
struct LexerTests {
    /// The tokens of `query` as (kind, text) up to the end, or the lexical error.
    private func tokens(_ query: String) -> Result<[(TokenKind, String)], LexError> {
        var lexer = Lexer(Array(query.utf8))
        var result: [(TokenKind, String)] = []
        while true {
            do {
                let token = try lexer.next()
                if token.kind == .eof { return .success(result) }
                result.append((token.kind, String(decoding: lexer.bytes[token.start..<token.end], as: UTF8.self)))
            } catch {
                return .failure(error)
            }
        }
    }

    private func kinds(_ query: String) -> [TokenKind]? {
        guard case .success(let tokens) = tokens(query) else { return nil }
        return tokens.map(\.0)
    }

    @Test("a query with every kind of token")
    func everyKind() {
        #expect(
            kinds(#"sum by (job) (rate(x:y{a="b", c!~'d'}[5m:1m] offset -5m @ start())) > bool 0x1F"#) == [
                .aggregator(.sum), .by, .leftParen, .identifier, .rightParen, .leftParen, .identifier, .leftParen,
                .metricIdentifier, .leftBrace, .identifier, .assign, .string, .comma, .identifier, .regexNoMatch,
                .string, .rightBrace, .leftBracket, .duration, .colon, .duration, .rightBracket, .offset, .sub,
                .duration, .at, .start, .leftParen, .rightParen, .rightParen, .rightParen, .greater, .bool, .number,
            ])
        #expect(
            kinds("a == b != c < d <= e > f >= g + h - i * j / k % l ^ m and n or o unless p atan2 q") == [
                .identifier, .equal, .identifier, .notEqual, .identifier, .less, .identifier, .lessOrEqual,
                .identifier, .greater, .identifier, .greaterOrEqual, .identifier, .add, .identifier, .sub, .identifier,
                .mul, .identifier, .div, .identifier, .mod, .identifier, .pow, .identifier, .and, .identifier, .or,
                .identifier, .unless, .identifier, .atan2, .identifier,
            ])
    }

    @Test("keywords in any case; plain identifiers inside braces")
    func keywords() {
        #expect(
            kinds("SUM Without OFFSET group_LEFT Bool ON ignoring GROUP_right inf NaN limit_ratio count_values")
                == [
                    .aggregator(.sum), .without, .offset, .groupLeft, .bool, .on, .ignoring, .groupRight, .number,
                    .number, .aggregator(.limitRatio), .aggregator(.countValues),
                ])
        #expect(kinds(#"{offset="a", sum=~"b", by!="c"}"#)?.filter { $0 == .identifier }.count == 3)
        #expect(kinds("fill + fill_left") == [.identifier, .add, .identifier])
        #expect(kinds("fill (0)") == [.fill, .leftParen, .number, .rightParen])
        #expect(kinds("infinity nan_x") == [.identifier, .identifier])
    }

    @Test("two-character operators keep both characters")
    func twoCharacterOperators() {
        guard case .success(let tokens) = tokens(#"a <= b >= c == d != e {f=~"g", h!~"i"} [5m::1m]"#) else {
            Issue.record("did not lex")
            return
        }
        #expect(
            tokens.map(\.1) == [
                "a", "<=", "b", ">=", "c", "==", "d", "!=", "e", "{", "f", "=~", "\"g\"", ",", "h", "!~", "\"i\"", "}",
                "[",
                "5m", "::", "1m", "]",
            ])
    }

    @Test("numbers and durations")
    func numbersAndDurations() {
        let cases: [(String, TokenKind)] = [
            ("1", .number), (".5", .number), ("5.", .number), ("1e3", .number), ("1.5E-3", .number),
            ("0x1F", .number), ("0xdeadbeef", .number), ("1_000", .number), ("Inf", .number),
            ("5m", .duration), ("1h30m", .duration), ("500ms", .duration), ("1y2w3d4h5m6s7ms", .duration),
            ("1.5h", .duration), ("5y1hs", .duration),
        ]
        for (text, kind) in cases {
            guard case .success(let tokens) = tokens(text) else {
                Issue.record("\(text) did not lex")
                continue
            }
            #expect(tokens.count == 1 && tokens[0].0 == kind && tokens[0].1 == text, "\(text)")
        }
    }

    @Test("comments run to the end of the line; spaces are skipped")
    func comments() {
        #expect(kinds("a # b c {\n+ # d\r\n c") == [.identifier, .add, .identifier])
        #expect(kinds("{a # x\n=\"b\"}") == [.leftBrace, .identifier, .assign, .string, .rightBrace])
        #expect(kinds("# only a comment") == [])
    }

    @Test("inside brackets: first token, then subquery colon and duration keywords")
    func brackets() {
        #expect(kinds("x[ -5m]") == [.identifier, .leftBracket, .sub, .duration, .rightBracket])
        #expect(kinds("x[5m::1m]") == [.identifier, .leftBracket, .duration, .doubleColon, .duration, .rightBracket])
        #expect(
            kinds("x[step()]") == [.identifier, .leftBracket, .step, .leftParen, .rightParen, .rightBracket])
        #expect(
            kinds("x[5m+max(1m,2m)]") == [
                .identifier, .leftBracket, .duration, .add, .aggregator(.max), .leftParen, .duration, .comma,
                .duration, .rightParen, .rightBracket,
            ])
    }

    @Test("Go quoting of strings, runes and raw bytes")
    func goQuoting() {
        #expect(GoQuoting.quote("a\"b\\c\n\u{7F}\u{A0}é😀") == #""a\"b\\c\n\x7f\u00a0é😀""#)
        #expect(GoQuoting.quote(bytes: [0x61, 0xC5, 0x7A]) == #""a\xc5z""#)
        #expect(GoQuoting.quote(bytes: Array("é😀".utf8) + [0xFF]) == #""é😀\xff""#)
        #expect(GoQuoting.quoteRune("'") == #"'\''"#)
        #expect(GoQuoting.quoteRune("\"") == #"'"'"#)
        #expect(GoQuoting.quoteRune(nil) == "'\u{FFFD}'")
        #expect(GoQuoting.unicodeVerbose("c") == "U+0063 'c'")
        #expect(GoQuoting.unicodeVerbose("\u{01}") == "U+0001")
        #expect(GoQuoting.quote("abcdefghijkl", limit: 10) == #""abcdefghij""#)
    }

    @Test("errors carry Prometheus's message and the start of the token being read")
    func errors() {
        let cases: [(String, String, Int)] = [
            ("a $", "unexpected character: '$'", 2),
            ("1 =~ 1", "unexpected character after '=': '~'", 2),
            ("(1))", "unexpected right parenthesis ')'", 4),
            ("((1)", "unclosed left parenthesis", 4),
            ("x[5m", "unclosed left bracket", 4),
            ("x{a=\"b\"", "unexpected end of input inside braces", 7),
            ("x{a:b}", "unexpected character inside braces: ':'", 3),
            ("\"abc", "unterminated quoted string", 0),
            ("\"a\nb\"", "unterminated quoted string", 0),
            ("`abc", "unterminated raw string", 0),
            ("x \"\\q\"", "unknown escape sequence U+0071 'q'", 2),
            ("\"\\xZZ\"", "illegal character U+005A 'Z' in escape sequence", 0),
            ("\"\\U00110000\"", "escape sequence is an invalid Unicode code point", 0),
            ("\"\\u12\"", "illegal character U+0022 '\"' in escape sequence", 0),
            ("2.5.", "bad number or duration syntax: \"2.5.\"", 0),
            ("1e", "bad number or duration syntax: \"1e\"", 0),
            ("x[5m:1m:]", "unexpected colon ':'", 7),
            ("x[:5m]", "unexpected colon before duration in duration expression", 3),
            ("x[5m x]", "unexpected character: 'x', expected ':'", 5),
            ("x[$]", "unexpected character in duration expression: '$'", 2),
            ("x[", "unexpected end of input in duration expression", 2),
            ("x]", "unexpected right bracket ']'", 1),
            ("x{a=\"b\"}{", "unexpected end of input inside braces", 9),
            ("x{{", "unexpected left brace '{'", 2),
        ]
        for (query, message, start) in cases {
            guard case .failure(let error) = tokens(query) else {
                Issue.record("\(query) lexed without error")
                continue
            }
            #expect(error.message == message, "\(query)")
            #expect(error.start == start, "\(query)")
        }
    }
}
