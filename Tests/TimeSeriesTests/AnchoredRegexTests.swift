import Testing
import TimeSeries

/// The capture-reporting anchored regex behind `label_replace`.
struct AnchoredRegexTests {
    @Test("whole-string matches report every group in order, nil for groups that took no part")
    func captures() throws {
        let regex = try AnchoredRegex("(a+)(x)?(?P<tail>b*)")
        let captures = try #require(regex.wholeMatchCaptures("aabb"))
        #expect(captures.map(\.value) == ["aabb", "aa", nil, "bb"])
        #expect(captures.map(\.name) == [nil, nil, nil, "tail"])
        #expect(regex.pattern == "(a+)(x)?(?P<tail>b*)")
    }

    @Test("matching is anchored at both ends and . matches a newline")
    func anchoring() throws {
        let regex = try AnchoredRegex("b.c")
        #expect(regex.wholeMatchCaptures("b\nc") != nil)
        #expect(regex.wholeMatchCaptures("abc") == nil)
        #expect(regex.wholeMatchCaptures("bcc\n") == nil)
        #expect(try AnchoredRegex("").wholeMatchCaptures("")?.count == 1)
        #expect(try AnchoredRegex("(?<g>x)|y").wholeMatchCaptures("y")?.map(\.value) == ["y", nil])
    }

    @Test("leftmost-first alternation and greedy groups like RE2")
    func semantics() throws {
        let captures = try #require(try AnchoredRegex("(a|ab)(c|bcd)(d*)").wholeMatchCaptures("abcd"))
        #expect(captures.map(\.value) == ["abcd", "a", "bcd", ""])
        let greedy = try #require(try AnchoredRegex("(.*)-(.*)").wholeMatchCaptures("a-b-c"))
        #expect(greedy.map(\.value) == ["a-b-c", "a-b", "c"])
        #expect(try AnchoredRegex("\\d+").wholeMatchCaptures("١٢") == nil)
    }

    @Test("invalid patterns and syntax RE2 lacks are rejected")
    func invalid() {
        #expect(throws: MatcherError.self) { try AnchoredRegex("(.*") }
        #expect(throws: MatcherError.self) { try AnchoredRegex("a(?=b)") }
        #expect(throws: MatcherError.self) { try AnchoredRegex("(a)\\1") }
    }
}
