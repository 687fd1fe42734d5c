import TestSupport
import Testing
import TimeSeries

struct MatcherTests {
    /// One operator applied to one input.
    struct Case: Sendable, CustomTestStringConvertible {
        let type: MatchType
        let pattern: String
        let input: String
        let expected: Bool

        init(_ type: MatchType, _ pattern: String, _ input: String, _ expected: Bool) {
            self.type = type
            self.pattern = pattern
            self.input = input
            self.expected = expected
        }

        var testDescription: String {
            "\(type.rawValue)\(pattern.debugDescription) on \(input.debugDescription)"
        }
    }

    /// A regular expression and whether `=~` accepts the input.
    struct RegexCase: Sendable, CustomTestStringConvertible {
        let pattern: String
        let input: String
        let matches: Bool

        init(_ pattern: String, _ input: String, _ matches: Bool) {
            self.pattern = pattern
            self.input = input
            self.matches = matches
        }

        var testDescription: String { "\(pattern.debugDescription) on \(input.debugDescription)" }
    }

    // MARK: - Equality operators

    static let equalityCases: [Case] = [
        Case(.equal, "api", "api", true),
        Case(.equal, "api", "API", false),
        Case(.equal, "api", "api ", false),
        Case(.equal, "api", "", false),
        Case(.equal, "", "", true),
        Case(.equal, "", "x", false),
        Case(.equal, "a.*", "abc", false),
        Case(.equal, "a.*", "a.*", true),
        Case(.equal, "日本", "日本", true),
        Case(.notEqual, "api", "api", false),
        Case(.notEqual, "api", "web", true),
        Case(.notEqual, "api", "", true),
        Case(.notEqual, "", "", false),
        Case(.notEqual, "", "x", true),
        Case(.notEqual, "a.*", "abc", true),
    ]

    @Test(arguments: equalityCases)
    func equalityOperators(_ testCase: Case) throws {
        let matcher = try Matcher(testCase.type, "l", testCase.pattern)
        #expect(matcher.matches(testCase.input) == testCase.expected)
        // On a label set, an absent label (and so an empty value) is matched as "".
        let labels = Labels(["__name__": "m", "l": testCase.input])
        #expect(matcher.matches(labels) == testCase.expected)
    }

    // MARK: - Regular expressions

    static let regexCases: [RegexCase] = [
        // Fully anchored.
        RegexCase("web", "web", true),
        RegexCase("web", "web-1", false),
        RegexCase("web", "a-web", false),
        RegexCase("web.*", "web-1", true),
        RegexCase("web.*", "web", true),
        RegexCase("web.*", "a-web-1", false),
        RegexCase(".*web", "a-web", true),
        RegexCase(".*web", "web-1", false),
        RegexCase("a|ab", "ab", true),
        RegexCase("a|ab", "a", true),
        RegexCase("a|ab", "abc", false),
        RegexCase("a|ab", "b", false),
        RegexCase("(?:a|ab)", "ab", true),
        RegexCase("(?:ab|a)", "a", true),
        RegexCase("ab|cd", "abcd", false),
        RegexCase("a(b|c)d", "acd", true),
        RegexCase("a(b|c)d", "ad", false),
        RegexCase("^a$", "a", true),
        RegexCase("a$", "a\n", false),
        RegexCase("", "", true),
        RegexCase("", "a", false),
        RegexCase("x*", "", true),
        // `.` matches a newline, as in `^(?s:pattern)$`.
        RegexCase("a.b", "a\nb", true),
        RegexCase(".*", "line1\nline2", true),
        RegexCase(".+", "\n", true),
        RegexCase("a.*", "a\n\n", true),
        RegexCase(".*b", "\nb", true),
        RegexCase(".*x.*", "\nx\n", true),
        RegexCase("(?:a.*)", "a\nb", true),
        RegexCase("a.c|x", "a\nc", true),
        RegexCase("[^x]", "\n", true),
        RegexCase(".", "é", true),
        RegexCase("..", "日本", true),
        RegexCase(".", "日本", false),
        // Case-insensitive flag.
        RegexCase("(?i)foo", "FOO", true),
        RegexCase("(?i)foo", "fOo", true),
        RegexCase("(?i)foo", "foox", false),
        RegexCase("(?i)web.*", "WEB-1", true),
        RegexCase("(?i:a)b", "Ab", true),
        RegexCase("(?i:a)b", "AB", false),
        RegexCase("foo", "FOO", false),
        // Character classes and repetition.
        RegexCase("[a-c]+", "abcabc", true),
        RegexCase("[a-c]+", "abcd", false),
        RegexCase("[^a-c]+", "xyz", true),
        RegexCase("[^a-c]+", "xaz", false),
        RegexCase("\\d+", "2024", true),
        RegexCase("\\d+", "20a4", false),
        RegexCase("\\d", "", false),
        RegexCase("\\D+", "abc", true),
        RegexCase("\\D", "7", false),
        RegexCase("5\\d\\d", "503", true),
        RegexCase("5\\d\\d", "403", false),
        RegexCase("\\w+", "foo_bar9", true),
        RegexCase("\\w+", "foo-bar", false),
        RegexCase("\\s", " ", true),
        RegexCase("\\S+", "a b", false),
        RegexCase("[[:alpha:]]+", "abcXYZ", true),
        RegexCase("[[:alpha:]]+", "abc1", false),
        RegexCase("[[:digit:]]{3}", "123", true),
        RegexCase("[[:digit:]]{3}", "1234", false),
        RegexCase("a{2,3}", "aa", true),
        RegexCase("a{2,3}", "aaa", true),
        RegexCase("a{2,3}", "a", false),
        RegexCase("a{2,3}", "aaaa", false),
        RegexCase("colou?r", "color", true),
        RegexCase("colou?r", "colour", true),
        RegexCase("a*?b", "aab", true),
        // Escapes.
        RegexCase("[.]", ".", true),
        RegexCase("[.]", "x", false),
        RegexCase("\\.", ".", true),
        RegexCase("a\\.b", "axb", false),
        RegexCase("a\\.b", "a.b", true),
        RegexCase("\\(a\\)", "(a)", true),
        RegexCase("[a)]+", "a)a", true),
        RegexCase("[(]", "(", true),
        RegexCase("a\\|b", "a|b", true),
        RegexCase("a\\|b", "a", false),
        RegexCase("a\\\\|b", "a\\", true),
        RegexCase("a\\\\|b", "b", true),
        // RE2's Perl classes are ASCII-only: `\d` does not match other scripts' digits, `\w` not accented letters.
        RegexCase("\\d", "٣", false),
        RegexCase("\\D", "٣", true),
        RegexCase("\\w", "é", false),
    ]

    @Test(arguments: regexCases)
    func regexMatchAndNoMatchAreComplements(_ testCase: RegexCase) throws {
        let match = try Matcher(.regexMatch, "l", testCase.pattern)
        let noMatch = try Matcher(.regexNoMatch, "l", testCase.pattern)
        #expect(match.matches(testCase.input) == testCase.matches)
        #expect(noMatch.matches(testCase.input) == !testCase.matches)
    }

    @Test func regexMatchesAbsentLabelAsEmptyString() throws {
        let labels: Labels = ["__name__": "up", "job": "api"]
        #expect(try Matcher(.regexMatch, "missing", ".*").matches(labels))
        #expect(try !Matcher(.regexMatch, "missing", ".+").matches(labels))
        #expect(try Matcher(.regexNoMatch, "missing", ".+").matches(labels))
        #expect(try Matcher(.regexMatch, "job", "a.i").matches(labels))
        #expect(try !Matcher(.regexMatch, "job", "a").matches(labels))
    }

    // MARK: - Fast paths against the general engine

    /// Values to run every pattern pair over.
    static let probeValues: [String] = [
        "", "a", "b", "c", "ab", "abc", "foo", "fo", "oo", "foo.bar", "fooxbar", "foobar", "barfoo", "xfoox",
        "foo\n", "\nfoo", "\n", "FOO", "Foo", "web", "web-1", "a-web", "a|b", ".*", ".", "*", "\\", "foo\\",
        "é", "日本", "日本語", "e\u{301}", "xfoo\u{301}", "foo\u{301}bar", "ab\u{301}", "a.\u{301}", " foo ",
    ]

    /// A pattern the fast paths handle, and an equivalent one they cannot (`(?:…)` or a class forces the engine).
    static let fastPathPairs: [(String, String)] = [
        ("foo", "[f]oo"),
        ("foo", "(?:foo)"),
        ("", "(?:)"),
        ("foo\\.bar", "foo[.]bar"),
        ("\\.\\*", "[.][*]"),
        ("\\\\", "[\\\\]"),
        ("a\\|b", "a[|]b"),
        ("web-1", "[w]eb-1"),
        ("日本", "(?:日本)"),
        ("a|b|c", "(?:a|b|c)"),
        ("a|b|c", "[abc]"),
        ("(a|b|c)", "(?:a|b|c)"),
        ("a|ab", "(?:a|ab)"),
        ("|a", "(?:|a)"),
        ("foo|foo\\.bar|日本", "(?:foo|foo\\.bar|日本)"),
        (".*", "(?:.*)"),
        (".+", "(?:.+)"),
        ("foo.*", "(?:foo.*)"),
        ("foo.*", "[f]oo.*"),
        ("foo\\..*", "(?:foo[.].*)"),
        (".*foo", "(?:.*foo)"),
        (".*bar", ".*[b]ar"),
        (".*\\.bar", "(?:.*[.]bar)"),
        (".*foo.*", "(?:.*foo.*)"),
        (".*o.*", "(?:.*o.*)"),
        (".*o\\.b.*", "(?:.*o[.]b.*)"),
        (".*e.*", "(?:.*e.*)"),
        (".*日.*", "(?:.*日.*)"),
        ("e.*", "(?:e.*)"),
    ]

    @Test(arguments: fastPathPairs)
    func fastPathAgreesWithGeneralEngine(fast: String, general: String) throws {
        let fastMatcher = try Matcher(.regexMatch, "l", fast)
        let generalMatcher = try Matcher(.regexMatch, "l", general)
        let fastNegated = try Matcher(.regexNoMatch, "l", fast)
        for value in MatcherTests.probeValues {
            let expected = generalMatcher.matches(value)
            #expect(fastMatcher.matches(value) == expected, "\(fast.debugDescription) on \(value.debugDescription)")
            #expect(fastNegated.matches(value) == !expected, "!~\(fast.debugDescription) on \(value.debugDescription)")
        }
        #expect(fastMatcher.matchesEmpty == generalMatcher.matchesEmpty)
    }

    @Test func fastPathsGiveExpectedResults() throws {
        func accepted(_ pattern: String) throws -> [String] {
            let matcher = try Matcher(.regexMatch, "l", pattern)
            return MatcherTests.probeValues.filter { matcher.matches($0) }
        }
        #expect(try accepted("foo") == ["foo"])
        #expect(try accepted("foo\\.bar") == ["foo.bar"])
        #expect(try accepted("a|b|c") == ["a", "b", "c"])
        #expect(try accepted("foo.*") == ["foo", "foo.bar", "fooxbar", "foobar", "foo\n", "foo\\", "foo\u{301}bar"])
        #expect(try accepted(".*foo") == ["foo", "barfoo", "\nfoo"])
        #expect(try accepted(".*oo.*").count == MatcherTests.probeValues.filter { $0.utf8.contains("oo".utf8) }.count)
        #expect(try accepted(".+") == Array(MatcherTests.probeValues.dropFirst()))
        #expect(try accepted(".*") == MatcherTests.probeValues)
    }

    @Test(arguments: [21, 22, 23, 24, 25] as [UInt64])
    func randomFastPathPatternsAgreeWithGeneralEngine(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "b", "-", ".", "*", "|", "\\", "é", "日", "\n", " "]
        func escaped(_ text: [String]) -> String {
            text.map { [".", "*", "|", "\\"].contains($0) ? "\\" + $0 : $0 }.joined()
        }
        func randomText(_ lengths: ClosedRange<Int>) -> [String] {
            (0..<Int.random(in: lengths, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
        }
        for _ in 0..<150 {
            let literal = randomText(1...4)
            let other = randomText(1...3)
            let fast: String
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: fast = escaped(literal)
            case 1: fast = escaped(literal) + "|" + escaped(other)
            case 2: fast = escaped(literal) + ".*"
            case 3: fast = ".*" + escaped(literal)
            default: fast = ".*" + escaped(literal) + ".*"
            }
            let fastMatcher = try Matcher(.regexMatch, "l", fast)
            let generalMatcher = try Matcher(.regexMatch, "l", "(?:" + fast + ")")
            var values = (0..<12).map { _ in randomText(0...6).joined() }
            let text = literal.joined()
            values += [text, text + other.joined(), other.joined() + text, other.joined() + text + other.joined()]
            for value in values {
                #expect(
                    fastMatcher.matches(value) == generalMatcher.matches(value),
                    "seed \(seed): \(fast.debugDescription) on \(value.debugDescription)")
            }
        }
    }

    // MARK: - Matching the empty string

    @Test(arguments: [
        (MatchType.equal, ""), (.notEqual, "x"), (.regexNoMatch, "x"), (.regexMatch, ".*"), (.regexMatch, "|a"),
        (.regexMatch, "a|"), (.regexMatch, "a*"), (.regexMatch, "(?:a|)"), (.regexNoMatch, ".+"), (.notEqual, "a"),
    ])
    func matchersThatAcceptAnAbsentLabel(type: MatchType, value: String) throws {
        let matcher = try Matcher(type, "l", value)
        #expect(matcher.matchesEmpty)
        #expect(matcher.matches(Labels(["__name__": "up"])))
    }

    @Test(arguments: [
        (MatchType.equal, "a"), (.regexMatch, ".+"), (.notEqual, ""), (.regexMatch, "a"), (.regexMatch, "a|b"),
        (.regexMatch, "a.*"), (.regexMatch, ".*a"), (.regexMatch, ".*a.*"), (.regexNoMatch, ".*"),
        (.regexNoMatch, ""), (.regexMatch, "[a-z]+"),
    ])
    func matchersThatRejectAnAbsentLabel(type: MatchType, value: String) throws {
        let matcher = try Matcher(type, "l", value)
        #expect(!matcher.matchesEmpty)
        #expect(!matcher.matches(Labels(["__name__": "up"])))
    }

    // MARK: - Syntax RE2 rejects

    @Test(arguments: [
        "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(a)\\1", "(a)\\2b", "(?>a)", "a++", "a*+", "a?+", "a{2}+", "a)",
        "(a", "[a", "((a)", "(a))", "a\\", "[[:alpha:]", "x(?=y)z",
    ])
    func unsupportedSyntaxThrows(pattern: String) {
        for type in [MatchType.regexMatch, .regexNoMatch] {
            let error = #expect(throws: MatcherError.self) { try Matcher(type, "l", pattern) }
            #expect(error?.pattern == pattern)
            #expect(error?.description.hasPrefix("error parsing regexp: ") == true)
        }
    }

    @Test(arguments: [
        "(?i)a", "(?:a)", "(?P<name>a)", "a*?", "a+?", "a??", "\\(a", "a\\)", "[(]", "[)]", "[a)]", "\\[a", "[\\]]",
        "((a))", "(a)(b)", "a{2}", "a{2,}", "[[:alpha:]]", "[^[:digit:]]", "\\d\\w\\s", "[\\d.]", "(a|b)+",
    ])
    func supportedSyntaxCompiles(pattern: String) throws {
        _ = try Matcher(.regexMatch, "l", pattern)
        _ = try Matcher(.regexNoMatch, "l", pattern)
    }

    /// RE2 spellings that Swift's regex syntax lacks or reads differently are translated, not rejected.
    @Test(arguments: [
        ("\\pL+", "é", true), ("\\pL+", "1", false), ("\\PL", "1", true), ("\\PL", "x", false),
        ("[]a]+", "]a]", true), ("[]a]+", "b", false), ("[^]a]", "b", true), ("[^]a]", "]", false),
        ("[[:alpha:]]", "é", false), ("[[:alpha:]]", "Q", true), ("[[:word:]]+", "a_1", true),
        ("[[:upper:][:digit:]]+", "A1", true), ("[[:upper:][:digit:]]+", "a", false),
        ("[a&&b]+", "a&b&", true), ("[~]", "~", true), ("[[:punct:]]+", "!-[]", true),
    ])
    func re2SpellingsAreTranslated(pattern: String, value: String, matches: Bool) throws {
        let matcher = try Matcher(.regexMatch, "l", pattern)
        #expect(matcher.matches(value) == matches, "\(pattern) against \(value)")
    }

    @Test func equalityOperatorsNeverThrowOnRegexSyntax() throws {
        for pattern in ["(?=a)", "a)", "[a", "(a)\\1"] {
            #expect(try Matcher(.equal, "l", pattern).matches(pattern))
            #expect(try !Matcher(.notEqual, "l", pattern).matches(pattern))
        }
    }

    // MARK: - Set matches

    @Test func setMatchesListsFiniteLiteralSets() throws {
        #expect(try Matcher(.equal, "l", "a").setMatches == ["a"])
        #expect(try Matcher(.equal, "l", "a.*").setMatches == ["a.*"])
        #expect(try Matcher(.regexMatch, "l", "a|b").setMatches == ["a", "b"])
        #expect(try Matcher(.regexMatch, "l", "(a|b)").setMatches == ["a", "b"])
        #expect(try Matcher(.regexMatch, "l", "b|a|c").setMatches == ["b", "a", "c"])
        #expect(try Matcher(.regexMatch, "l", "a").setMatches == ["a"])
        // Repeats are listed once, so an index can union the values' posting lists without duplicates.
        #expect(try Matcher(.regexMatch, "l", "a|b|a").setMatches == ["a", "b"])
        #expect(try Matcher(.regexMatch, "l", "x|x").setMatches == ["x"])
        #expect(try Matcher(.regexMatch, "l", "foo\\.bar|x").setMatches == ["foo.bar", "x"])
        #expect(try Matcher(.regexMatch, "l", "a.*").setMatches == nil)
        #expect(try Matcher(.regexMatch, "l", "a|b.*").setMatches == nil)
        #expect(try Matcher(.regexMatch, "l", "[ab]").setMatches == nil)
        #expect(try Matcher(.regexMatch, "l", "(?i)a|b").setMatches == nil)
        #expect(try Matcher(.notEqual, "l", "a").setMatches == nil)
        #expect(try Matcher(.regexNoMatch, "l", "a|b").setMatches == nil)
    }

    @Test func setMatchesAgreeWithMatching() throws {
        for pattern in ["a|b", "(a|b)", "foo\\.bar|x", "a", "|a", "a|ab"] {
            let matcher = try Matcher(.regexMatch, "l", pattern)
            let set = try #require(matcher.setMatches)
            for value in set {
                #expect(matcher.matches(value), "\(pattern) should accept \(value)")
            }
            for value in MatcherTests.probeValues where !set.contains(value) {
                #expect(!matcher.matches(value), "\(pattern) should reject \(value.debugDescription)")
            }
        }
    }

    // MARK: - Identity and description

    @Test func descriptionIsPromQLForm() throws {
        #expect(try Matcher(.equal, "job", "api").description == #"job="api""#)
        #expect(try Matcher(.notEqual, "job", "api").description == #"job!="api""#)
        #expect(try Matcher(.regexMatch, "job", "api|web").description == #"job=~"api|web""#)
        #expect(try Matcher(.regexNoMatch, "path", #"a"b\.c"#).description == #"path!~"a\"b\\.c""#)
        #expect(Matcher.metricName("up").description == #"__name__="up""#)
    }

    @Test func equalityAndHashUseTypeNameAndValue() throws {
        let matcher = try Matcher(.regexMatch, "job", "a.*")
        #expect(matcher == (try Matcher(.regexMatch, "job", "a.*")))
        #expect(matcher.hashValue == (try Matcher(.regexMatch, "job", "a.*")).hashValue)
        #expect(matcher != (try Matcher(.regexNoMatch, "job", "a.*")))
        #expect(matcher != (try Matcher(.regexMatch, "instance", "a.*")))
        #expect(matcher != (try Matcher(.regexMatch, "job", "a.+")))
        #expect(Matcher.metricName("up") == (try Matcher(.equal, "__name__", "up")))
        #expect(Matcher.metricName("up").matches(Labels(["__name__": "up", "job": "x"])))
        #expect(!Matcher.metricName("up").matches(Labels(["__name__": "down"])))
    }
}
