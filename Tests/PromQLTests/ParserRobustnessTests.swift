import TestSupport
import Testing
import TimeSeries

@testable import PromQL

/// Random token soup must never crash the lexer, parser, type checker or printer, and whatever parses must print
/// to text that parses to the same expression.
@Suite("PromQL parser robustness")
struct ParserRobustnessTests {
    static let fragments = [
        "foo", "bar{a=\"b\"}", "{x=~\"y.*\"}", "sum", "by", "without", "(", ")", "[", "]", "{", "}", ",", ":", "5m",
        "1h30m", "0x1F", ".5", "1e3", "-", "+", "*", "/", "%", "^", "==", "!=", ">", "<=", "and", "or", "unless",
        "atan2", "bool", "on", "ignoring", "group_left", "group_right", "offset", "@", "start()", "end()", "rate",
        "topk", "count_values", "\"s\"", "'t'", "`r`", "Inf", "NaN", "#c\n", " ", "\n", "label_join", "step",
        "9999999999999", "1.5h", "0", "quantile_over_time", "vector", "time()", "=", "=~", "!~", "$", "\\",
        "\"\\x41\"", "é", "[5m:]", "[1m:30s]", "offset -5m", "@ 100", "min_of", "max(", "1_0", "0755",
    ]

    @Test("random queries parse or fail cleanly; parsed ones round-trip through the printer")
    func randomQueries() throws {
        var generator = SplitMix64(seed: 20_261_125)
        var parsed = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...12, using: &generator)
            var query = ""
            for _ in 0..<count { query += Self.fragments.randomElement(using: &generator)! }
            guard let expr = try? PromQLParser.parse(query) else {
                _ = try? PromQLParser.parseMetric(query)
                _ = try? PromQLParser.parseMatchers(query)
                continue
            }
            parsed += 1
            let printed = expr.description
            let again = try PromQLParser.parse(printed)
            #expect(again.description == printed, "\(query)")
        }
        #expect(parsed > 500)
    }
}
