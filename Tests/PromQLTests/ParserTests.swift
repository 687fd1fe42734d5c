import Testing
import TimeSeries

@testable import PromQL

@Suite("PromQL parser")
struct ParserTests {
    private func parse(_ query: String) throws -> Expr {
        try PromQLParser.parse(query)
    }

    // MARK: - Precedence

    @Test(
        "operators bind and associate as in Prometheus",
        arguments: [
            ("-2^2", "-((2.0 ^ 2.0))"),
            ("2 ^ 3 ^ 2", "(2.0 ^ (3.0 ^ 2.0))"),
            ("-2^---1*3", "(-((2.0 ^ -1.0)) * 3.0)"),
            ("2/-2^---1*3+2", "(((2.0 / -((2.0 ^ -1.0))) * 3.0) + 2.0)"),
            ("sum(x) % 2 ^ 3 ^ 2", "(sum(x) % (2.0 ^ (3.0 ^ 2.0)))"),
            ("-1^-2", "-((1.0 ^ -2.0))"),
            ("1 - 2 - 3", "((1.0 - 2.0) - 3.0)"),
            ("1 + 2 * 3", "(1.0 + (2.0 * 3.0))"),
            ("a * b + c / d % e", "((a * b) + ((c / d) % e))"),
            ("a atan2 b * c", "((a atan2 b) * c)"),
            ("a + b > c - d", "((a + b) > (c - d))"),
            ("a > b == c", "((a > b) == c)"),
            ("a or b and c unless d", "(a or ((b and c) unless d))"),
            ("foo + bar or bla and blub", "((foo + bar) or (bla and blub))"),
            ("foo and bar unless baz or qux", "(((foo and bar) unless baz) or qux)"),
            ("-a * b", "(-(a) * b)"),
            ("a * -b ^ c", "(a * -((b ^ c)))"),
            ("a ^ -b * c", "((a ^ -(b)) * c)"),
            ("+1 + -2 * 1", "(1.0 + (-2.0 * 1.0))"),
            ("1 < bool 2 - 1 * 2", "(1.0 < (2.0 - (1.0 * 2.0)))"),
            ("- -1", "1.0"),
            ("-(1)", "-(paren(1.0))"),
            ("a + b offset 5m", "(a + b)"),
            ("-foo offset 5m", "-(foo)"),
            ("foo offset 5s - 8", "(foo - 8.0)"),
            ("foo offset -1 ^ 1", "(foo ^ 1.0)"),
        ] as [(String, String)])
    func precedence(query: String, shape: String) throws {
        #expect(try parse(query).shape == shape)
    }

    @Test("unary minus on a number literal is folded into it, with the sign's position")
    func unaryFolding() throws {
        #expect(try parse("-1") == .number(-1, PositionRange(start: 0, end: 2)))
        #expect(try parse("+5.5e-3") == .number(0.0055, PositionRange(start: 0, end: 7)))
        #expect(try parse("-0755") == .number(-493, PositionRange(start: 0, end: 5)))
        #expect(try parse("-Inf") == .number(-.infinity, PositionRange(start: 0, end: 4)))
        guard case .unary(.minus, .vectorSelector(let selector), let position) = try parse(" -some_metric") else {
            Issue.record("expected a unary minus on a selector")
            return
        }
        #expect(selector.name == "some_metric")
        #expect(position == PositionRange(start: 1, end: 13))
        guard case .unary(.plus, _, _) = try parse("+some_metric") else {
            Issue.record("expected a unary plus")
            return
        }
    }

    // MARK: - Literals

    @Test(
        "number literals in every form Prometheus accepts",
        arguments: [
            ("1", 1), (".5", 0.5), ("5.", 5), ("123.4567", 123.4567), ("5e-3", 0.005), ("5e3", 5000),
            ("12.34e+6", 12_340_000), ("0xc", 12), ("0x1F", 31), ("0X_1f", 31), ("0755", 493), ("08", 8),
            ("1_000", 1000), ("0x7FFFFFFFFFFFFFFF", 9.223372036854775807e18), ("Inf", .infinity), ("inF", .infinity),
            ("+Inf", .infinity), ("1e-400", 0), ("99999999999999999999", 1e20),
            // A duration where a number is expected counts seconds (Prometheus 3).
            ("1m", 60), ("1h30m", 5400), ("1m30ms", 60.03), ("2w", 1_209_600), ("1y", 31_536_000), ("0", 0),
        ] as [(String, Double)])
    func numbers(text: String, value: Double) throws {
        guard case .number(let parsed, let position) = try parse(text) else {
            Issue.record("\(text) is not a number literal")
            return
        }
        #expect(parsed == value)
        #expect(position == PositionRange(start: 0, end: text.utf8.count))
    }

    @Test("NaN in any case is a number")
    func notANumber() throws {
        for text in ["NaN", "nan", "NAN"] {
            guard case .number(let value, _) = try parse(text) else {
                Issue.record("\(text) is not a number")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test("strings in double, single and back quotes, with Go escapes")
    func strings() throws {
        #expect(
            try parse(#""double-quoted string \" with escaped quote""#)
                == .string("double-quoted string \" with escaped quote", PositionRange(start: 0, end: 44)))
        #expect(
            try parse(#"'single-quoted string \' with escaped quote'"#)
                == .string("single-quoted string ' with escaped quote", PositionRange(start: 0, end: 44)))
        #expect(
            try parse("`backtick-quoted string`")
                == .string("backtick-quoted string", PositionRange(start: 0, end: 24)))
        guard case .string(let escaped, _) = try parse(#""\a\b\f\n\r\t\v\\\" - \u1234\U00010111\U0001011111☺\101""#)
        else {
            Issue.record("expected a string")
            return
        }
        #expect(escaped == "\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\\" - \u{1234}\u{10111}\u{10111}11☺A")
        guard case .string(let raw, _) = try parse(#"`\a\b\n\\`"#) else {
            Issue.record("expected a raw string")
            return
        }
        #expect(raw == #"\a\b\n\\"#)
        // `\x` escapes give bytes; a byte that is not UTF-8 becomes U+FFFD.
        guard case .string(let bytes, _) = try parse(#""a\xc5z""#) else {
            Issue.record("expected a string")
            return
        }
        #expect(bytes == "a\u{FFFD}z")
        #expect(StringLiteral.unquotedBytes(Array(#""a\xc5z""#.utf8)[...]) == [0x61, 0xC5, 0x7A])
    }

    // MARK: - Selectors

    @Test("vector selectors: name first, then matchers as written")
    func vectorSelectors() throws {
        guard case .vectorSelector(let selector) = try parse(#"foo:bar{a="b", c!="d", e=~"f.*", g!~"h",}"#) else {
            Issue.record("expected a selector")
            return
        }
        #expect(selector.name == "foo:bar")
        #expect(
            selector.matchers == [
                Matcher.metricName("foo:bar"), try Matcher(.equal, "a", "b"), try Matcher(.notEqual, "c", "d"),
                try Matcher(.regexMatch, "e", "f.*"), try Matcher(.regexNoMatch, "g", "h"),
            ])
        #expect(selector.offset == 0)
        #expect(selector.at == nil)
        #expect(selector.id == 0)
        #expect(selector.position == PositionRange(start: 0, end: 41))
    }

    @Test("quoted names: a metric name inside the braces and label names that need quotes")
    func quotedNames() throws {
        guard case .vectorSelector(let selector) = try parse(#"{"some.metric", "service.name"="api", a="b"}"#) else {
            Issue.record("expected a selector")
            return
        }
        #expect(selector.name == nil)
        #expect(
            selector.matchers == [
                Matcher.metricName("some.metric"), try Matcher(.equal, "service.name", "api"),
                try Matcher(.equal, "a", "b"),
            ])
        guard case .vectorSelector(let escaped) = try parse(#"{'foo\'bar', 'a\\dos\\path'='boo\\urns'}"#) else {
            Issue.record("expected a selector")
            return
        }
        #expect(
            escaped.matchers == [Matcher.metricName("foo'bar"), try Matcher(.equal, #"a\dos\path"#, #"boo\urns"#)])
        // Several name matchers inside the braces are allowed.
        #expect(throws: Never.self) { try self.parse(#"{__name__="bar", __name__="baz"}"#) }
        #expect(throws: Never.self) { try self.parse(#"{"bar", __name__="baz"}"#) }
    }

    @Test("keywords are metric names where Prometheus allows them, and label names inside braces")
    func keywordsAsNames() throws {
        for name in [
            "offset", "by", "without", "and", "or", "unless", "start", "end", "step", "range", "sum", "min", "anchored",
            "smoothed", "count_values", "limitk",
        ] {
            guard case .vectorSelector(let selector) = try parse(name) else {
                Issue.record("\(name) is not a selector")
                continue
            }
            #expect(selector.name == name)
        }
        #expect(try parse(#"offset{step="1s"}[5m]"#).shape == "offset[300000]")
        #expect(
            try parse(#"step{offset="1s"}"#).selectors.first?.matchers.last == (try Matcher(.equal, "offset", "1s")))
        #expect(try parse(#"foo{NaN='bc', bool="x"}"#).selectors.first?.matchers.count == 3)
        #expect(try parse("sum(sum)").shape == "sum(sum)")
        #expect(try parse("a + sum").shape == "(a + sum)")
        #expect(try parse("fill + fill").shape == "(fill + fill)")
    }

    @Test("selector ids count 0, 1, 2… in source order, inside ranges and subqueries too")
    func selectorIDs() throws {
        let expr = try parse(
            #"sum by (job) (rate(a[5m])) / on (job) max_over_time(b[10m:1m]) + c offset 1m unless {d="x"} @ 5"#)
        let selectors = expr.selectors
        #expect(selectors.map(\.id) == [0, 1, 2, 3])
        #expect(selectors.map(\.name) == ["a", "b", "c", nil])
        let nested = try parse("label_replace(x, \"a\", \"b\", \"c\", \"d\") + topk(2, y) + count_values(\"v\", z)")
        #expect(nested.selectors.map(\.id) == [0, 1, 2])
    }

    @Test("range selectors, with offset and @ on the inner selector, in either order")
    func rangeSelectors() throws {
        let cases: [(String, Int64, Int64, AtModifier?)] = [
            ("test[5m]", 300_000, 0, nil),
            ("test[1000ms]", 1000, 0, nil),
            ("test[5]", 5000, 0, nil),
            ("foo[4.018]", 4018, 0, nil),
            ("foo[4s18ms]", 4018, 0, nil),
            ("foo[5m30s]", 330_000, 0, nil),
            ("test[5y] OFFSET 3d", 5 * 365 * 86_400_000, 3 * 86_400_000, nil),
            ("test[5m] offset 3600", 300_000, 3_600_000, nil),
            ("foo[3ms] @ 2.345", 3, 0, .timestamp(2345)),
            ("foo[5m] @ 1m offset -1m", 300_000, -60_000, .timestamp(60_000)),
            ("foo[5m] offset 1m @ start()", 300_000, 60_000, .start),
            ("foo[5m] @ end()", 300_000, 0, .end),
            ("foo[5m + 30s]", 330_000, 0, nil),
            ("foo[(1m) * 2 ^ 2]", 240_000, 0, nil),
            ("foo[max(5m, 1m)] offset (1m + 30s)", 300_000, 90_000, nil),
        ]
        for (query, range, offset, at) in cases {
            guard case .matrixSelector(let matrix) = try parse(query) else {
                Issue.record("\(query) is not a range selector")
                continue
            }
            #expect(matrix.range == range, "\(query)")
            #expect(matrix.selector.offset == offset, "\(query)")
            #expect(matrix.selector.at == at, "\(query)")
            #expect(matrix.position == PositionRange(start: 0, end: query.utf8.count), "\(query)")
        }
    }

    @Test("offset and @ on instant selectors; @ seconds are rounded to milliseconds like Prometheus")
    func modifiers() throws {
        let cases: [(String, Int64, AtModifier?)] = [
            ("foo offset 5m", 300_000, nil),
            ("foo offset -7m", -420_000, nil),
            ("foo OFFSET 1h30m", 5_400_000, nil),
            ("foo offset +5", 5000, nil),
            ("foo offset -(1m + 30s)", -90_000, nil),
            ("foo @ 1603774568", 0, .timestamp(1_603_774_568_000)),
            ("foo @ -100", 0, .timestamp(-100_000)),
            ("foo @ .3", 0, .timestamp(300)),
            ("foo @ 3.", 0, .timestamp(3000)),
            ("foo @ 3.3333", 0, .timestamp(3333)),
            ("foo @ 3.3335", 0, .timestamp(3334)),
            ("foo @ 3e2", 0, .timestamp(300_000)),
            ("foo @ 0xA", 0, .timestamp(10_000)),
            ("foo @ -3.3e1", 0, .timestamp(-33_000)),
            ("foo @ 1m", 0, .timestamp(60_000)),
            ("foo @ start()", 0, .start),
            ("foo @ END()", 0, .end),
            ("foo @ 123 offset 1m", 60_000, .timestamp(123_000)),
            ("foo offset 1m @ 123", 60_000, .timestamp(123_000)),
        ]
        for (query, offset, at) in cases {
            guard case .vectorSelector(let selector) = try parse(query) else {
                Issue.record("\(query) is not a selector")
                continue
            }
            #expect(selector.offset == offset, "\(query)")
            #expect(selector.at == at, "\(query)")
            #expect(selector.position == PositionRange(start: 0, end: 3), "\(query)")
        }
    }

    @Test("subqueries, with and without a step, and their own offset and @")
    func subqueries() throws {
        guard case .subquery(let simple) = try parse(#"foo{bar="baz"}[10m:6s]"#) else {
            Issue.record("expected a subquery")
            return
        }
        #expect(simple.range == 600_000)
        #expect(simple.step == 6000)
        #expect(simple.position == PositionRange(start: 0, end: 22))
        guard case .subquery(let noStep) = try parse("foo[10m:]") else {
            Issue.record("expected a subquery")
            return
        }
        #expect(noStep.step == 0)
        guard case .subquery(let outer) = try parse(#"min_over_time(rate(foo{bar="baz"}[2s])[5m:] offset 4m)[4m:3s]"#),
            case .call(let call) = outer.expr, case .subquery(let inner) = call.arguments[0]
        else {
            Issue.record("expected nested subqueries")
            return
        }
        #expect(outer.range == 240_000)
        #expect(outer.step == 3000)
        #expect(inner.range == 300_000)
        #expect(inner.offset == 240_000)
        #expect(inner.position == PositionRange(start: 14, end: 53))
        guard case .subquery(let modified) = try parse("some_metric[10m:5s] offset 1m @ 123") else {
            Issue.record("expected a subquery")
            return
        }
        #expect(modified.offset == 60_000)
        #expect(modified.at == .timestamp(123_000))
        guard case .subquery(let ofModified) = try parse("some_metric @ 123 offset 1m [10m:5s]"),
            case .vectorSelector(let selector) = ofModified.expr
        else {
            Issue.record("expected a subquery of a modified selector")
            return
        }
        #expect(selector.offset == 60_000)
        #expect(selector.at == .timestamp(123_000))
        #expect(ofModified.offset == 0)
        #expect(try parse("(foo + bar)[5m:] @ start()").shape == "paren((foo + bar))[300000:0]")
    }

    // MARK: - Operators

    @Test("binary matching: one-to-one by default, many-to-many for set operators, none with a scalar side")
    func matching() throws {
        func binary(_ query: String) throws -> BinaryExpr {
            guard case .binary(let binary) = try parse(query) else { throw TestFailure("not a binary operation") }
            return binary
        }
        #expect(try binary("foo * bar").matching == VectorMatching(cardinality: .oneToOne))
        #expect(try binary("foo and bar").matching == VectorMatching(cardinality: .manyToMany))
        #expect(try binary("foo == 1").matching == nil)
        #expect(try binary("2.5 / bar").matching == nil)
        #expect(try binary("1 + 1").matching == nil)
        #expect(
            try binary("foo * on(test,blub) bar").matching
                == VectorMatching(cardinality: .oneToOne, matchingLabels: ["test", "blub"], on: true))
        #expect(
            try binary("foo and on() bar").matching
                == VectorMatching(cardinality: .manyToMany, matchingLabels: [], on: true))
        #expect(
            try binary("foo unless ignoring(test,blub) bar").matching
                == VectorMatching(cardinality: .manyToMany, matchingLabels: ["test", "blub"]))
        #expect(
            try binary("foo / on(test,blub) group_left(bar) bar").matching
                == VectorMatching(
                    cardinality: .manyToOne, matchingLabels: ["test", "blub"], on: true, include: ["bar"]))
        #expect(
            try binary("foo - ignoring(test) group_right(bar,foo,) bar").matching
                == VectorMatching(cardinality: .oneToMany, matchingLabels: ["test"], include: ["bar", "foo"]))
        #expect(
            try binary("foo * on(test) group_left bar").matching
                == VectorMatching(cardinality: .manyToOne, matchingLabels: ["test"], on: true))
        #expect(
            try binary("foo * on(start, end, bool, on) bar").matching?.matchingLabels
                == ["start", "end", "bool", "on"])
        #expect(try binary("foo == bool 1").returnBool)
        #expect(try binary("1 >= bool 1").returnBool)
        #expect(try binary("foo != bar").returnBool == false)
        #expect(try binary("foo ATAN2 bar").op == .atan2)
        #expect(try binary("foo AND bar").op == .and)
    }

    @Test("positions of operations span both operands, including modifiers of the right one")
    func binaryPositions() throws {
        guard case .binary(let binary) = try parse("a + b offset 5m") else {
            Issue.record("expected a binary operation")
            return
        }
        #expect(binary.position == PositionRange(start: 0, end: 15))
        #expect(binary.rhs.position == PositionRange(start: 4, end: 5))
        guard case .binary(let outer) = try parse("bar + on(foo) bla / on(baz, buz) group_right(test) blub"),
            case .binary(let inner) = outer.rhs
        else {
            Issue.record("expected nested operations")
            return
        }
        #expect(outer.position == PositionRange(start: 0, end: 55))
        #expect(inner.position == PositionRange(start: 14, end: 55))
        #expect(inner.matching?.cardinality == .oneToMany)
        #expect(outer.matching?.matchingLabels == ["foo"])
    }

    // MARK: - Aggregations and calls

    @Test("aggregations: grouping before or after the arguments, trailing commas, parameters")
    func aggregations() throws {
        func aggregate(_ query: String) throws -> AggregateExpr {
            guard case .aggregate(let aggregate) = try parse(query) else { throw TestFailure("not an aggregation") }
            return aggregate
        }
        let before = try aggregate("sum by (foo)(some_metric)")
        #expect(before.op == .sum)
        #expect(before.grouping == ["foo"])
        #expect(before.without == false)
        #expect(before.parameter == nil)
        #expect(before.position == PositionRange(start: 0, end: 25))
        let after = try aggregate("sum (some_metric) without (foo)")
        #expect(after.without)
        #expect(after.grouping == ["foo"])
        #expect(after.position == PositionRange(start: 0, end: 31))
        #expect(try aggregate("sum by (foo,bar,)(some_metric)").grouping == ["foo", "bar"])
        #expect(try aggregate("sum by ()(some_metric)").grouping == [])
        #expect(
            try aggregate("sum without(and, by, avg, count, alert, annotations)(some_metric)").grouping
                == ["and", "by", "avg", "count", "alert", "annotations"])
        #expect(try aggregate(#"sum by ("foo bar", 'baz')({"some.metric"})"#).grouping == ["foo bar", "baz"])
        let topk = try aggregate("topk(5, some_metric)")
        #expect(topk.parameter == .number(5, PositionRange(start: 5, end: 6)))
        #expect(try aggregate("quantile(0.9, x)").op == .quantile)
        let countValues = try aggregate(#"count_values("value", some_metric)"#)
        #expect(countValues.parameter == .string("value", PositionRange(start: 13, end: 20)))
        #expect(try aggregate("limitk(2, x)").op.isExperimental)
        #expect(try aggregate("limit_ratio(0.5, x)").op == .limitRatio)
        #expect(try aggregate("STDVAR BY (foo)(x)").op == .stdvar)
        #expect(try aggregate("sum(x) by (a)").position == PositionRange(start: 0, end: 13))
        guard case .paren(.aggregate(let inParens), let parenPosition) = try parse("(sum(foo) )") else {
            Issue.record("expected an aggregation in parentheses")
            return
        }
        #expect(inParens.position == PositionRange(start: 1, end: 9))
        #expect(parenPosition == PositionRange(start: 0, end: 11))
    }

    @Test("function calls carry their signature; optional and repeated arguments are accepted")
    func calls() throws {
        func call(_ query: String) throws -> FunctionCall {
            guard case .call(let call) = try parse(query) else { throw TestFailure("not a call") }
            return call
        }
        let time = try call("time()")
        #expect(time.function.name == "time")
        #expect(time.function.returnType == .scalar)
        #expect(time.arguments.isEmpty)
        #expect(time.position == PositionRange(start: 0, end: 6))
        let rate = try call("rate(some_metric[5m])")
        #expect(rate.function.argumentTypes == [.matrix])
        #expect(rate.position == PositionRange(start: 0, end: 21))
        #expect(try call("round(some_metric)").arguments.count == 1)
        #expect(try call("round(some_metric, 5)").arguments.count == 2)
        #expect(try call("hour()").arguments.isEmpty)
        #expect(try call("day_of_week(x)").arguments.count == 1)
        #expect(try call(#"label_join(x, "a", ",", "b", "c", "d")"#).arguments.count == 6)
        #expect(try call(#"sort_by_label(x, "a", "b")"#).function.isExperimental)
        #expect(try call("vector(1)").function.returnType == .vector)
        #expect(try call("scalar(x)").function.returnType == .scalar)
        #expect(try call("start()").function.isExperimental)
        #expect(try call("min_of(3, 5)").function.argumentTypes == [.scalar, .scalar])
        #expect(try call("histogram_quantile(0.9, rate(x[5m]))").function.name == "histogram_quantile")
        #expect(try call("info(x, {a=\"b\"})").arguments.count == 2)
        #expect(try call("info(x, {})").arguments.count == 2)
        #expect(try parse("start").shape == "start")
    }

    @Test("types of whole expressions")
    func types() throws {
        let cases: [(String, ValueType)] = [
            ("1", .scalar), ("\"a\"", .string), ("foo", .vector), ("foo[5m]", .matrix), ("foo[5m:]", .matrix),
            ("(1 + 2)", .scalar), ("-foo", .vector), ("1 + foo", .vector), ("time()", .scalar),
            ("sum(foo)", .vector), ("scalar(foo) * 2", .scalar),
        ]
        for (query, type) in cases {
            #expect(try parse(query).type == type, "\(query)")
        }
    }

    @Test("comments and line breaks are ignored")
    func comments() throws {
        let expr = try parse("# leading comment\nsum by (job) ( # why\n  rate(x[5m]) # rate\n)\n# trailing")
        #expect(expr.shape == "sum(rate(x[300000]))")
    }

    @Test("long chains and deep nesting parse")
    func longChains() throws {
        let chain = Array(repeating: "x", count: 5000).joined(separator: " + ")
        #expect(try parse(chain).selectors.count == 5000)
        let nested = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(try parse(nested).type == .scalar)
    }
}

/// A failed expectation inside a helper.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
