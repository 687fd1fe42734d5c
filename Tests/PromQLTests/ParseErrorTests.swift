import Testing

@testable import PromQL

/// Prometheus's parse errors, message and `line:col`, for queries taken from its parser tests and from the grammar's
/// error rules.
@Suite("PromQL parse errors")
struct ParseErrorTests {
    static let cases: [(query: String, error: String)] = [
        // Literals and lexing
        ("1+", "1:3: parse error: unexpected end of input"),
        (".", "1:1: parse error: unexpected character: '.'"),
        ("2.5.", "1:1: parse error: bad number or duration syntax: \"2.5.\""),
        ("100..4", "1:1: parse error: bad number or duration syntax: \"100..\""),
        ("0deadbeef", "1:1: parse error: bad number or duration syntax: \"0de\""),
        ("0xee", "1:1: parse error: bad number or duration syntax: \"0xee\""),
        ("0x", "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"0x\": invalid syntax"),
        ("1e400", "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range"),
        ("1.5h", "1:1: parse error: unknown unit \".\" in duration \"1.5h\""),
        ("1 /", "1:4: parse error: unexpected end of input"),
        ("*1", "1:1: parse error: unexpected <op:*>"),
        ("(1))", "1:5: parse error: unexpected right parenthesis ')'"),
        ("((1)", "1:5: parse error: unclosed left parenthesis"),
        ("(", "1:2: parse error: unclosed left parenthesis"),
        ("1 !~ 1", "1:3: parse error: unexpected character after '!': '~'"),
        ("1 =~ 1", "1:3: parse error: unexpected character after '=': '~'"),
        ("1 !", "1:3: parse error: unexpected character after '!': '�'"),
        ("$", "1:1: parse error: unexpected character: '$'"),
        ("foo é", "1:5: parse error: unexpected character: 'é'"),
        ("*test", "1:1: parse error: unexpected <op:*>"),
        ("@@", "1:1: parse error: unexpected <op:@>"),
        ("-=", "1:2: parse error: unexpected \"=\""),
        ("++-++-+-+-<", "1:11: parse error: unexpected <op:<>"),
        ("e-+=/(0)", "1:4: parse error: unexpected \"=\""),
        ("foo bar", "1:5: parse error: unexpected identifier \"bar\""),
        ("foo 1", "1:5: parse error: unexpected number \"1\""),
        ("foo \"a long string value\"", "1:5: parse error: unexpected string \"\\\"a long st\"..."),
        ("foo 5m", "1:5: parse error: unexpected duration \"5m\""),
        ("foo BY", "1:5: parse error: unexpected <BY>"),
        ("foo sum", "1:5: parse error: unexpected <aggr:sum>"),
        ("foo start", "1:5: parse error: unexpected \"start\""),
        ("foo job:rate", "1:5: parse error: unexpected metric identifier \"job:rate\""),
        ("foo ,", "1:5: parse error: unexpected \",\""),
        ("`\\``", "1:4: parse error: unterminated raw string"),
        ("\"\\", "1:1: parse error: escape sequence not terminated"),
        ("\"\\c\"", "1:1: parse error: unknown escape sequence U+0063 'c'"),
        ("\"\\x.\"", "1:1: parse error: illegal character U+002E '.' in escape sequence"),
        ("\"\\ud800\"", "1:1: parse error: escape sequence is an invalid Unicode code point"),
        ("\"ab", "1:1: parse error: unterminated quoted string"),
        // Operators
        ("1 and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
        ("1 or 1", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
        ("1 unless 1", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
        ("foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
        ("1 unless foo", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
        ("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
        (
            "-\"string\"",
            "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got"
                + " \"string\""
        ),
        (
            "-test[5m]",
            "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got"
                + " \"range vector\""
        ),
        ("\"a\" + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"),
        ("1 + foo[5m]", "1:5: parse error: binary expression must contain only scalar and instant vector types"),
        ("a - on(b) ignoring(c) d", "1:11: parse error: unexpected <ignoring>"),
        ("foo + group_left(baz) bar", "1:7: parse error: unexpected <group_left>"),
        ("foo + on(x) bool bar", "1:13: parse error: unexpected <bool>"),
        ("1 or on(bar) foo", "1:1: parse error: vector matching only allowed between instant vectors"),
        ("foo == on(bar) 10", "1:1: parse error: vector matching only allowed between instant vectors"),
        ("foo and on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"and\" operation"),
        ("foo or on(bar) group_right(baz) bar", "1:1: parse error: no grouping allowed for \"or\" operation"),
        ("foo unless on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"unless\" operation"),
        (
            "http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}",
            "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once"
        ),
        ("foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators"),
        ("foo and bool 10", "1:5: parse error: bool modifier can only be used on comparison operators"),
        ("foo offset 5m + bool bar", "1:15: parse error: bool modifier can only be used on comparison operators"),
        ("foo * on(x) group_left , bar", "1:24: parse error: unexpected \",\""),
        ("foo + fill(0) bar", "1:1: parse error: binop fill modifiers are experimental and not enabled"),
        // Selectors
        ("{", "1:2: parse error: unexpected end of input inside braces"),
        ("}", "1:1: parse error: unexpected character: '}'"),
        ("some{", "1:6: parse error: unexpected end of input inside braces"),
        ("some}", "1:5: parse error: unexpected character: '}'"),
        ("some_metric{a=b}", "1:15: parse error: unexpected identifier \"b\" in label matching, expected string"),
        ("some_metric{a:b=\"b\"}", "1:14: parse error: unexpected character inside braces: ':'"),
        ("foo{a*\"b\"}", "1:6: parse error: unexpected character inside braces: '*'"),
        ("foo{a>=\"b\"}", "1:6: parse error: unexpected character inside braces: '>'"),
        ("some_metric{a=\"�\"}", "1:15: parse error: invalid UTF-8 rune"),
        ("foo{gibberish}", "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator"),
        ("foo{1}", "1:5: parse error: unexpected character inside braces: '1'"),
        ("foo{a!b=\"c\"}", "1:6: parse error: unexpected character after '!' inside braces: 'b'"),
        ("foo{{}", "1:5: parse error: unexpected left brace '{'"),
        ("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("{x=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("{x=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("{x!~\".+\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("{x!=\"a\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
        ("foo{__name__=~\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
        ("foo{__name__= =}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
        ("foo{,}", "1:5: parse error: unexpected \",\" in label matching, expected identifier or \"}\""),
        ("foo{__name__ == \"bar\"}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
        (
            "foo{__name__=\"bar\" lol}",
            "1:20: parse error: unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""
        ),
        ("foo{\"a\"=}", "1:9: parse error: unexpected \"}\" in label matching, expected string"),
        ("foo{a=~\"(\"}", "1:5: parse error: error parsing regexp: missing closing ): `(`"),
        // Ranges, subqueries, offset, @
        ("foo[5mm]", "1:5: parse error: bad number or duration syntax: \"5mm\""),
        ("foo[5m1]", "1:5: parse error: bad number or duration syntax: \"5m1\""),
        ("foo[5m:1m1]", "1:8: parse error: bad number or duration syntax: \"1m1\""),
        ("foo[5y1hs]", "1:5: parse error: unknown unit \"hs\" in duration \"5y1hs\""),
        ("foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\""),
        ("foo[5m1m]", "1:5: parse error: not a valid duration string: \"5m1m\""),
        ("foo[0m]", "1:5: parse error: duration must be greater than 0"),
        ("foo[-1]", "1:5: parse error: duration must be greater than 0"),
        ("foo[5m:0s]", "1:8: parse error: duration must be greater than 0"),
        ("foo[\"5m\"]", "1:5: parse error: unexpected character in duration expression: '\"'"),
        (
            "foo[]",
            "1:5: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or"
                + " range()"
        ),
        (
            "foo[step]",
            "1:9: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or"
                + " range()"
        ),
        ("foo[5m 1m]", "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\""),
        ("foo[5m:1m 2m]", "1:11: parse error: unexpected duration \"2m\" in subquery selector, expected \"]\""),
        (
            "foo[5m:\"a\"]",
            "1:8: parse error: unexpected string \"\\\"a\\\"\" in subquery selector, expected number, duration,"
                + " step(), range(), or \"]\""
        ),
        ("foo[5m:1m:2m]", "1:10: parse error: unexpected colon ':'"),
        ("foo[[5m]", "1:5: parse error: unexpected character in duration expression: '['"),
        ("foo[5m] + bar[5m[", "1:17: parse error: unexpected left bracket '['"),
        ("foo]", "1:4: parse error: unexpected right bracket ']'"),
        ("foo[5m", "1:7: parse error: unclosed left bracket"),
        ("foo[5s x 5s]", "1:8: parse error: unexpected character: 'x', expected ':'"),
        ("foo[5s s 5s]", "1:8: parse error: unexpected character: 's', expected ':'"),
        ("foo{bar=\"baz\"}[", "1:16: parse error: unexpected end of input in duration expression"),
        ("foo[5s/0d]", "1:7: parse error: division by zero"),
        ("foo[5s%0d]", "1:7: parse error: modulo by zero"),
        ("foo offset (4d/0)", "1:15: parse error: division by zero"),
        ("foo[1m-1m]", "1:5: parse error: duration must be greater than 0"),
        ("foo offset 9.5e10", "1:12: parse error: duration out of range"),
        ("foo[9.5e10]", "1:5: parse error: duration out of range"),
        ("foo[step()]", "1:5: parse error: step() and range() are not supported in durations"),
        ("some_metric[5m] OFFSET 1mm", "1:24: parse error: bad number or duration syntax: \"1mm\""),
        (
            "some_metric[5m] OFFSET",
            "1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()"
        ),
        (
            "foo offset bar",
            "1:12: parse error: unexpected identifier \"bar\" in offset, expected number, duration, step(), or range()"
        ),
        (
            "foo offset -",
            "1:13: parse error: unexpected end of input in offset, expected number, duration, step(), or range()"
        ),
        ("some_metric OFFSET 1m[5m]", "1:22: parse error: no offset modifiers allowed before range"),
        ("some_metric[5m] @", "1:18: parse error: unexpected end of input in @, expected timestamp"),
        ("foo @ bar", "1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp"),
        ("foo @ start", "1:12: parse error: unexpected end of input in @, expected timestamp"),
        ("foo @ end(1)", "1:11: parse error: unexpected number \"1\" in @, expected timestamp"),
        ("some_metric @ 1234 [5m]", "1:20: parse error: no @ modifiers allowed before range"),
        ("some_metric @ start() [5m]", "1:23: parse error: no @ modifiers allowed before range"),
        ("some_metric @ end()[5m]", "1:20: parse error: no @ modifiers allowed before range"),
        ("(foo + bar)[5m]", "1:12: parse error: ranges only allowed for vector selectors"),
        (
            "1 offset 1d",
            "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector"
                + " selector or a subquery"
        ),
        (
            "(foo) offset 5m",
            "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector"
                + " selector or a subquery"
        ),
        ("foo offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times"),
        ("foo[5m] offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times"),
        ("foo[5m:] offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times"),
        ("foo @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times"),
        ("foo @ start() @ end()", "1:1: parse error: @ <timestamp> may not be set multiple times"),
        ("foo[5m:] @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times"),
        ("foo @ +Inf", "1:1: parse error: timestamp out of bounds for @ modifier: +Inf"),
        ("foo @ -Inf", "1:1: parse error: timestamp out of bounds for @ modifier: -Inf"),
        ("foo @ NaN", "1:1: parse error: timestamp out of bounds for @ modifier: NaN"),
        (
            "foo @ 9223372036854775808.000000",
            "1:1: parse error: timestamp out of bounds for @ modifier: 9223372036854775808.000000"
        ),
        (
            "foo @ -9223372036854775808.000000",
            "1:1: parse error: timestamp out of bounds for @ modifier: -9223372036854775808.000000"
        ),
        (
            "rate(some_metric[5m]) @ 1234",
            "1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or"
                + " a subquery"
        ),
        (
            "test[5d] OFFSET 10s [10m:5s]",
            "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"
        ),
        (
            "(foo + bar{nm=\"val\"})[5m:][10m:5s]",
            "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"
        ),
        ("rate(food[1m])[1h] offset 1h", "1:15: parse error: ranges only allowed for vector selectors"),
        ("rate(food[1m])[1h] @ 100", "1:15: parse error: ranges only allowed for vector selectors"),
        ("1[5m] smoothed", "1:2: parse error: ranges only allowed for vector selectors"),
        ("foo[5m] anchored", "1:1: parse error: anchored modifier is experimental and not enabled"),
        ("foo smoothed", "1:1: parse error: smoothed modifier is experimental and not enabled"),
        // Aggregations
        ("sum by (\"foo)(some_metric{})", "1:9: parse error: unterminated quoted string"),
        ("sum by (\"\")(some_metric)", "1:9: parse error: invalid label name for grouping: \"\""),
        ("sum without(==)(some_metric)", "1:13: parse error: unexpected <op:==> in grouping opts, expected label"),
        ("sum without(,)(some_metric)", "1:13: parse error: unexpected \",\" in grouping opts, expected label"),
        ("sum without(foo,,)(some_metric)", "1:17: parse error: unexpected \",\" in grouping opts, expected label"),
        ("sum by (without) (x)", "1:9: parse error: unexpected <without> in grouping opts, expected label"),
        (
            "sum by (a b) (x)",
            "1:11: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\""
        ),
        ("sum by (1) (x)", "1:9: parse error: unexpected number \"1\" in grouping opts, expected label"),
        ("sum some_metric by (test)", "1:5: parse error: unexpected identifier \"some_metric\""),
        (
            "sum (some_metric) by test",
            "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\""
        ),
        ("sum by (a) foo", "1:12: parse error: unexpected identifier \"foo\" in aggregation"),
        ("sum(foo +)", "1:10: parse error: unexpected \")\" in aggregation"),
        ("sum(rate(foo) bar)", "1:15: parse error: unexpected identifier \"bar\" in aggregation"),
        ("sum () by (test)", "1:1: parse error: no arguments for aggregate expression provided"),
        ("MIN keep_common (some_metric)", "1:5: parse error: unexpected identifier \"keep_common\""),
        ("MIN (some_metric) keep_common", "1:19: parse error: unexpected identifier \"keep_common\""),
        ("sum (some_metric) without (test) by (test)", "1:34: parse error: unexpected <by>"),
        ("sum without (test) (some_metric) by (test)", "1:34: parse error: unexpected <by>"),
        (
            "topk(some_metric)",
            "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"
        ),
        ("topk(some_metric,)", "1:17: parse error: trailing commas not allowed in function call args"),
        (
            "sum(a, b)",
            "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"
        ),
        (
            "topk(some_metric, other_metric)",
            "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"
        ),
        (
            "count_values(5, other_metric)",
            "1:14: parse error: expected type string in aggregation parameter, got scalar"
        ),
        ("sum(1)", "1:5: parse error: expected type instant vector in aggregation expression, got scalar"),
        ("sum(", "1:5: parse error: unclosed left parenthesis"),
        ("sum(rate(", "1:10: parse error: unclosed left parenthesis"),
        // Functions
        ("floor()", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0"),
        ("floor(some_metric, other_metric)", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2"),
        ("floor(some_metric, 1)", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2"),
        ("floor(1)", "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar"),
        (
            "hour(some_metric, some_metric, some_metric)",
            "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3"
        ),
        ("round(x, 1, 2)", "1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3"),
        ("label_join(x)", "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1"),
        (
            "label_join(x, \"a\", \",\", \"b\", 1)",
            "1:30: parse error: expected type string in call to function \"label_join\", got scalar"
        ),
        ("time(some_metric)", "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1"),
        (
            "non_existent_function_far_bar()",
            "1:1: parse error: unknown function with name \"non_existent_function_far_bar\""
        ),
        ("a>b()", "1:3: parse error: unknown function with name \"b\""),
        (
            "rate(some_metric)",
            "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"
        ),
        ("rate(avg)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
        ("rate(foo[5m], 1)", "1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2"),
        ("rate(foo +)", "1:11: parse error: unexpected \")\""),
        ("f(a,,b)", "1:4: parse error: trailing commas not allowed in function call args"),
        ("label_replace(a, `b`, `c�`, `d`, `.*`)", "1:23: parse error: invalid UTF-8 rune"),
        (
            "info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})",
            "1:46: parse error: expected label selectors only, got vector selector instead"
        ),
        (
            "info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)",
            "1:51: parse error: expected label selectors only"
        ),
        ("info(x, 1)", "1:1: parse error: expected type instant vector in call to function \"info\", got scalar"),
        // Empty input
        ("# just a comment\n\n", "1:1: parse error: no expression found in input"),
        ("   ", "1:1: parse error: no expression found in input"),
        // Multi-line positions
        ("foo +\n  bar{a=b}", "2:9: parse error: unexpected identifier \"b\" in label matching, expected string"),
        (
            "sum by (job) (\n  rate(x[5m])\n) +\n1 == bool\n  \"s\"",
            "5:3: parse error: binary expression must contain only scalar and instant vector types"
        ),
        ("foo\n  # comment\n  and bool 1", "2:3: parse error: bool modifier can only be used on comparison operators"),
        ("a{b=\"c\"}\n[5m:1m]\noffset 1m\noffset 2m", "1:1: parse error: offset may not be set multiple times"),
    ]

    @Test("each malformed query fails with Prometheus's message at Prometheus's position", arguments: cases)
    func message(query: String, error: String) {
        #expect(parseFailure(query) == error)
    }

    @Test("an empty query has no position")
    func emptyQuery() {
        #expect(parseFailure("") == "unknown position: parse error: no expression found in input")
    }

    @Test("a 309-digit number is out of range")
    func hugeNumber() {
        let digits = String(repeating: "9", count: 309)
        #expect(
            parseFailure(digits)
                == "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"\(digits)\": "
                + "value out of range"
        )
    }

    @Test("the first of many errors is reported, quickly")
    func manyErrors() {
        let query = "(" + String(repeating: "-{}-1", count: 10000) + ")" + String(repeating: "[1m:]", count: 1000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(
                parseFailure(query) == "1:3: parse error: vector selector must contain at least one non-empty matcher")
        }
        #expect(elapsed < .seconds(2))
    }

    @Test("experimental functions and aggregations can be refused like a default Prometheus server")
    func experimentalRefused() {
        func failure(_ query: String) -> String {
            do {
                _ = try PromQLParser.parse(query, enableExperimental: false)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(failure("sort_by_label(x, \"a\")") == "1:1: parse error: function \"sort_by_label\" is not enabled")
        #expect(
            failure("sum(limitk(2, x))")
                == "1:5: parse error: limitk() is experimental and must be enabled with "
                + "--enable-feature=promql-experimental-functions")
        #expect(failure("rate(x[5m])") == "no error")
        #expect(parseFailure("sort_by_label(x, \"a\")") == "no error")
        #expect(parseFailure("limit_ratio(0.5, x)") == "no error")
    }
}
