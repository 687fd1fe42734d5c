import Testing

@testable import GoTemplate

@Suite("RE2 regular expressions for reReplaceAll and match")
struct RegexTests {
    private func replace(_ pattern: String, _ replacement: String, _ text: String) -> String {
        switch GoRegex.compile(pattern) {
        case .success(let regex): regex.replaceAll(text, with: replacement)
        case .failure(let error): error.description
        }
    }

    private func matches(_ pattern: String, _ text: String) -> Bool? {
        guard case .success(let regex) = GoRegex.compile(pattern) else { return nil }
        return regex.matches(text)
    }

    @Test(
        "ReplaceAllString semantics",
        arguments: [
            ("a*", "x", "baaac", "xbxcx"),
            ("^", "x", "abc", "xabc"),
            ("^a", "x", "aaa", "xaa"),
            ("$", "!", "ab\n", "ab\n!"),
            (".", "x", "a\nb", "x\nx"),
            ("(?s).", "x", "a\nb", "xxx"),
            ("\\d+", "#", "a1b22٣", "a#b#٣"),
            ("\\w+", "W", "héllo wörld", "WéW WöW"),
            ("\\s+", "_", "a \t\u{0B}b", "a_\u{0B}b"),
            ("(\\w+)@(\\w+)", "$2 at $1", "user@host", "host at user"),
            ("(a)", "$1x", "a", ""),
            ("(a)", "${1}x", "a", "ax"),
            ("(a)", "$$1", "a", "$1"),
            ("(a)", "$", "a", "$"),
            ("(a)", "$9", "a", ""),
            ("(?P<first>\\w+) (?P<last>\\w+)", "${last}, ${first}", "John Smith", "Smith, John"),
            ("(?<first>\\w+) (?<last>\\w+)", "$last $first", "John Smith", "Smith John"),
            ("(?i)abc", "x", "ABC abc aBc", "x x x"),
            ("(?i:a)b", "x", "Ab AB", "x AB"),
            ("a{2}", "x", "aaaaa", "xxa"),
            ("a{,2}", "x", "a{,2}", "x"),
            ("a{2,}?", "x", "aaaaa", "xxa"),
            ("[[:digit:]]+", "#", "a12b", "a#b"),
            ("[[:^alpha:]]", "-", "a1b", "a-b"),
            ("[^a-c]", "x", "abcd\n", "abcxx"),
            ("[]a]", "x", "]a]b", "xxxb"),
            ("[a-]", "x", "a-b", "xxb"),
            ("a+?", "x", "aaa", "xxx"),
            ("(?U)a+", "x", "aaa", "xxx"),
            ("(?U)a+?", "x", "aaa", "x"),
            ("\\bfoo\\b", "X", "foo foobar", "X foobar"),
            ("\\pL+", "L", "abc1", "L1"),
            ("\\p{Greek}+", "G", "αβγ abc", "G abc"),
            ("\\PL", "_", "a1b", "a_b"),
            ("[\\p{Lu}\\d]", "_", "aB1", "a__"),
            ("\\Q.*\\E", "x", "a.*b", "axb"),
            ("\\x41\\x{42}\\101", "x", "ABA", "x"),
            ("a|", "x", "ab", "xbx"),
            ("(?m)^a", "x", "a\na", "x\nx"),
            ("(a|ab)(c|bcd)", "[$1,$2]", "abcd", "[a,bcd]"),
            ("x*", "-", "", "-"),
            ("\\.", "-", "a.b", "a-b"),
            ("[\\-\\]]", "x", "-]", "xx"),
            ("\\A\\w", "X", "ab", "Xb"),
            ("b\\z", "X", "ab", "aX"),
            ("\\b", "x", "123 abc_1 é", "x123x xabc_1x é"),
            ("\\B", "-", "ab 12", "a-b 1-2"),
            ("(?i)k", "x", "kK\u{212A}", "xxx"),
            ("(?i)σ", "x", "σΣς", "xxx"),
            ("(?i)[k-l]", "x", "K\u{212A}L", "xxx"),
            ("(?i)[^k]", "x", "k\u{212A}a", "k\u{212A}x"),
            ("\\p{Greek}", "g", "·α", "·g"),
            ("(?m)$", "<", "a\nb", "a<\nb<"),
            ("(a*)*b", "x", "aab", "x"),
        ])
    func replacement(pattern: String, replacement: String, text: String, expected: String) {
        #expect(replace(pattern, replacement, text) == expected)
    }

    @Test("match is an unanchored search")
    func match() {
        #expect(matches("a+", "baab") == true)
        #expect(matches("^a", "ba") == false)
        #expect(matches("a$", "a\n") == false)
        #expect(matches("(?i)ERROR", "some error here") == true)
    }

    @Test(
        "syntax errors use Go's wording",
        arguments: [
            ("(", "missing closing ): `(`"),
            ("a)", "unexpected ): `a)`"),
            ("a**", "invalid nested repetition operator: `**`"),
            ("a++", "invalid nested repetition operator: `++`"),
            ("a*?+", "invalid nested repetition operator: `*?+`"),
            ("*a", "missing argument to repetition operator: `*`"),
            ("x|*", "missing argument to repetition operator: `*`"),
            ("(?i)*", "missing argument to repetition operator: `*`"),
            ("[a", "missing closing ]: `[a`"),
            ("\\1", "invalid escape sequence: `\\1`"),
            ("\\Z", "invalid escape sequence: `\\Z`"),
            ("\\C", "invalid escape sequence: `\\C`"),
            ("[z-a]", "invalid character class range: `z-a`"),
            ("a{1001}", "invalid repeat count: `{1001}`"),
            ("a{2,1}", "invalid repeat count: `{2,1}`"),
            ("(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"),
            ("(?<=a)b", "invalid named capture: `(?<=a)b`"),
            ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
            ("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
            ("(?x)", "invalid or unsupported Perl syntax: `(?x`"),
            ("\\", "trailing backslash at end of expression: ``"),
            ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
            ("\\p{Foo}", "invalid character class range: `\\p{Foo}`"),
        ])
    func syntaxErrors(pattern: String, message: String) {
        #expect(replace(pattern, "", "") == "error parsing regexp: " + message)
    }

    @Test("matching time stays linear on patterns that make backtracking engines explode")
    func linearTime() {
        let input = String(repeating: "a", count: 5000) + "c"
        let start = ContinuousClock.now
        #expect(replace("(a*)*b", "x", input) == input)
        #expect(replace("(x+x+)+y", "z", String(repeating: "x", count: 2000)) == String(repeating: "x", count: 2000))
        #expect(matches("(a|aa)+$", String(repeating: "a", count: 3000) + "!") == false)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test("compiled expressions are cached")
    func cache() {
        guard case .success(let first) = GoRegex.compile("cache-(\\d+)"),
            case .success(let second) = GoRegex.compile("cache-(\\d+)")
        else {
            Issue.record("pattern did not compile")
            return
        }
        #expect(first === second)
    }
}
