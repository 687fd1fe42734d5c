import Testing

@testable import GoTemplate

@Suite("Prometheus template functions (reference §3.2, Prometheus template_test.go)")
struct PrometheusFunctionTests {
    private let render = TemplateHarness.render

    private func returning(_ samples: [TemplateQuerySample]) -> @Sendable (String) throws -> [TemplateQuerySample] {
        { _ in samples }
    }

    @Test("plain text and a constant")
    func basics() {
        #expect(render("plain text", .invalid, nil, 0) == "plain text")
        #expect(render("{{ 1 }}", .invalid, nil, 0) == "1")
        #expect(render(#"{{ "<b>" }}"#, .invalid, nil, 0) == "<b>")
    }

    @Test("query, first, value, label, strvalue")
    func queryFunctions() {
        let metric = TemplateHarness.sample(["__name__": "metric", "instance": "a"], 11)
        #expect(
            render(#"{{ query "1.5" | first | value }}"#, .invalid, returning([.init(labels: [:], value: 1.5)]), 0)
                == "1.5")
        #expect(
            render(#"{{ query "metric{instance='a'}" | first | value }}"#, .invalid, returning([metric]), 0) == "11")
        #expect(
            render(#"{{ query "metric{instance='a'}" | first | label "instance" }}"#, .invalid, returning([metric]), 0)
                == "a")
        let withValue = TemplateHarness.sample(["__name__": "metric", "__value__": "a"], 11)
        #expect(
            render(#"{{ query "metric{__value__='a'}" | first | strvalue }}"#, .invalid, returning([withValue]), 0)
                == "a")
        #expect(
            render(#"{{ query "metric{instance='a'}" | first | label "foo" }}"#, .invalid, returning([metric]), 0) == ""
        )
        #expect(
            render(#"{{ $x := query "metric" | first }}{{ $x.Labels.foo }}"#, .invalid, returning([metric]), 0) == "")
        #expect(
            render(
                #"{{ with query "metric" }}{{ . | first | value | humanize }}{{ end }}"#, .invalid,
                returning([metric]), 0) == "11")
        #expect(render(#"{{ (query "metric" | first).Value }}"#, .invalid, returning([metric]), 0) == "11")
        #expect(render(#"{{ len (query "metric") }}"#, .invalid, returning([metric, metric]), 0) == "2")
    }

    @Test("sortByLabel ranges in label order, stably")
    func sortByLabel() {
        let samples = [
            TemplateHarness.sample(["__name__": "metric", "instance": "b"], 21),
            TemplateHarness.sample(["__name__": "metric", "instance": "a"], 11),
            TemplateHarness.sample(["__name__": "metric", "instance": "a", "x": "2"], 12),
        ]
        #expect(
            render(
                #"{{ range query "metric" | sortByLabel "instance" }}{{.Labels.instance}}:{{.Value}}: {{end}}"#,
                .invalid, returning(samples), 0) == "a:11: a:12: b:21: ")
    }

    @Test("query errors: empty result to first, no query function, failing query")
    func queryErrors() {
        #expect(
            render(#"{{ query "missing" | first }}"#, .invalid, returning([]), 0)
                == #"error executing template test: template: test:1:21: executing "test" at <first>: "#
                + "error calling first: first() called on vector with no elements")
        #expect(
            render(#"{{ (query "missing").banana }}"#, .invalid, returning([]), 0)
                == #"error executing template test: template: test:1:10: executing "test" at <"missing">: "#
                + "can't evaluate field banana in type template.queryResult")
        #expect(
            render(#"{{ query "up" }}"#, .invalid, nil, 0).hasSuffix(
                "error calling query: queries are not available here"))
        struct Boom: Error, CustomStringConvertible {
            var description: String { "parse error: unexpected end of input" }
        }
        #expect(
            render(#"{{ query "(" }}"#, .invalid, { _ in throw Boom() }, 0)
                .hasSuffix("error calling query: parse error: unexpected end of input"))
    }

    @Test("stripPort and stripDomain")
    func hosts() {
        let stripPort = [
            ("foo.example.com", "foo.example.com"), ("foo.example.com:12345", "foo.example.com"),
            ("192.0.2.1", "192.0.2.1"), ("192.0.2.1:12345", "192.0.2.1"), ("2001:0DB8::1", "2001:0DB8::1"),
            ("[2001:0DB8::1]:12345", "2001:0DB8::1"), ("[2001:0DB8::1]::12345", "[2001:0DB8::1]::12345"),
            ("[::1]:80", "::1"),
        ]
        for (input, expected) in stripPort {
            #expect(render("{{ \"\(input)\" | stripPort }}", .invalid, nil, 0) == expected)
        }
        var stripDomain = [
            ("foo.example.com", "foo"), ("foo.example.com:12345", "foo:12345"), ("192.0.2.1", "192.0.2.1"),
            ("192.0.2.1:12345", "192.0.2.1:12345"), ("2001:0DB8::1", "2001:0DB8::1"),
            ("[2001:0DB8::1]:12345", "[2001:0DB8::1]:12345"), ("[2001:0DB8::1]::12345", "[2001:0DB8::1]::12345"),
        ]
        stripDomain.append(("a.\u{301}b.example", "a"))
        for (input, expected) in stripDomain {
            #expect(render("{{ \"\(input)\" | stripDomain }}", .invalid, nil, 0) == expected)
        }
    }

    @Test("reReplaceAll and match use RE2 semantics")
    func regexFunctions() {
        #expect(render(#"{{ reReplaceAll "(a)b" "x$1" "ab" }}"#, .invalid, nil, 0) == "xa")
        #expect(render(#"{{ match "a+" "aa" }} {{ match "a+" "b" }}"#, .invalid, nil, 0) == "true false")
        #expect(render(#"{{ reReplaceAll "^(.*):\\d+$" "$1" "host:9100" }}"#, .invalid, nil, 0) == "host")
        #expect(render(#"{{ reReplaceAll "(?P<host>[^:]+):.*" "${host}" "node1:9100" }}"#, .invalid, nil, 0) == "node1")
        #expect(
            render(#"{{ reReplaceAll "(" "x" "y" }}"#, .invalid, nil, 0)
                == #"error executing template test: template: test:1:3: executing "test" at <reReplaceAll "(" "x" "y">: "#
                + "error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`")
        #expect(
            render(#"{{ match "a(?=b)" "ab" }}"#, .invalid, nil, 0)
                .hasSuffix("error calling match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"))
    }

    @Test("string functions: title, toUpper, toLower, safeHtml, urlQueryEscape")
    func strings() {
        #expect(render(#"{{ "aa bb CC" | title }}"#, .invalid, nil, 0) == "Aa Bb CC")
        #expect(render(#"{{ "aa bb CC" | toUpper }}"#, .invalid, nil, 0) == "AA BB CC")
        #expect(render(#"{{ "aA bB CC" | toLower }}"#, .invalid, nil, 0) == "aa bb cc")
        #expect(render(#"{{ "don't stop-me now_ok" | title }}"#, .invalid, nil, 0) == "Don't Stop-Me Now_ok")
        #expect(render(#"{{ "a.ʼb x.'y 1st éa ßx" | title }}"#, .invalid, nil, 0) == "A.ʼb X.'Y 1St Éa Ssx")
        #expect(
            render(#"{{ "İSTANBUL ΣΑΣ ß ﬀ ᾀ" | toLower }}|{{ "ß ﬀ ᾀ ǆ" | toUpper }}"#, .invalid, nil, 0)
                == "istanbul σασ ß ﬀ ᾀ|ß ﬀ ᾈ Ǆ")
        #expect(render(#"{{ "<b>" | safeHtml }}"#, .invalid, nil, 0) == "<b>")
        #expect(render(#"{{ printf "%T" ("<b>" | safeHtml) }}"#, .invalid, nil, 0) == "template.HTML")
        #expect(render(#"{{ urlQueryEscape "a b&c=d/é" }}"#, .invalid, nil, 0) == "a+b%26c%3Dd%2F%C3%A9")
    }

    @Test("links and URLs")
    func links() {
        #expect(render(#"{{ graphLink "up" }}"#, .invalid, nil, 0) == "/graph?g0.expr=up&g0.tab=0")
        #expect(render(#"{{ tableLink "up" }}"#, .invalid, nil, 0) == "/graph?g0.expr=up&g0.tab=1")
        #expect(
            render(#"{{ graphLink "rate(x[5m]) > 1" }}"#, .invalid, nil, 0)
                == "/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=0")
        #expect(render("{{ pathPrefix }}", .invalid, nil, 0) == "/path/prefix")
        #expect(render("{{ externalURL }}", .invalid, nil, 0) == "http://testhost:9090/path/prefix")
    }

    @Test("parseDuration, toTime, toDuration, now")
    func time() {
        #expect(render(#"{{ printf "%0.2f" (parseDuration "1h2m10ms") }}"#, .invalid, nil, 0) == "3720.01")
        #expect(render(#"{{ parseDuration "-1m" }}"#, .invalid, nil, 0) == "-60")
        #expect(render(#"{{ parseDuration "1w" }}"#, .invalid, nil, 0) == "604800")
        #expect(
            render(#"{{ parseDuration "5q" }}"#, .invalid, nil, 0)
                .hasSuffix(#"error calling parseDuration: unknown unit "q" in duration "5q""#))
        #expect(
            render(#"{{ parseDuration "1m1h" }}"#, .invalid, nil, 0)
                .hasSuffix(#"error calling parseDuration: not a valid duration string: "1m1h""#))
        #expect(render(#"{{ (1435065584.128 | toTime).Format "2006" }}"#, .invalid, nil, 0) == "2015")
        #expect(render(#"{{ ("1435065584.128" | toTime).Format "2006" }}"#, .invalid, nil, 0) == "2015")
        #expect(render("{{ 1435065584.128 | toTime }}", .invalid, nil, 0) == "2015-06-23 13:19:44.128 +0000 UTC")
        #expect(
            render(
                #"{{ (toTime 1435065584).Format "Mon Jan _2 15:04:05 MST 2006 -07:00 Z07:00 3PM .000" }}"#,
                .invalid, nil, 0) == "Tue Jun 23 13:19:44 UTC 2015 +00:00 Z 1PM .000")
        #expect(render("{{ (toTime 1435065584).Unix }}", .invalid, nil, 0) == "1435065584")
        #expect(render(#"{{ toTime "x" }}"#, .invalid, nil, 0).hasSuffix(#"parsing "x": invalid syntax"#))
        #expect(
            render("{{ toTime (parseDuration \"1m\" | printf \"%v\") }}", .invalid, nil, 0)
                == "1970-01-01 00:01:00 +0000 UTC")
        #expect(render("{{ 1800 | toDuration }}", .invalid, nil, 0) == "30m0s")
        #expect(
            render("{{ (toDuration 0.0015).String }} {{ (toDuration 90061).Hours }}", .invalid, nil, 0)
                == "1.5ms 25.016944444444444")
        #expect(
            render("{{ toDuration 0.000001 }} {{ toDuration 0 }} {{ toDuration -3.5 }}", .invalid, nil, 0)
                == "1µs 0s -3.5s")
        #expect(
            render("{{ humanizeDuration (toDuration 90) }}", .invalid, nil, 0).hasSuffix(
                "can't convert *time.Duration to float"))
        #expect(render("{{ now }}", .invalid, nil, 1_353_755_652_000) == "1.353755652e+09")
        #expect(
            render("{{ now | humanizeTimestamp }}", .invalid, nil, 1_353_755_652_000) == "2012-11-24 11:14:12 +0000 UTC"
        )
    }

    @Test("args builds arg0, arg1, … for {{template}}")
    func argsFunction() {
        #expect(
            render(#"{{define "x"}}{{.arg0}} {{.arg1}}{{end}}{{template "x" (args 1 "2")}}"#, .invalid, nil, 0) == "1 2"
        )
        #expect(render(#"{{ (args 1 "2").arg1 }}{{ (args).missing }}"#, .invalid, nil, 0) == "2<no value>")
        #expect(render(#"{{ print (args 1).arg7 }}"#, .invalid, nil, 0) == "<nil>")
    }

    @Test("sample and query result printing")
    func printing() {
        let metric = TemplateHarness.sample(["__name__": "m", "i": "a"], 1.5)
        #expect(render(#"{{ query "m" | first }}"#, .invalid, returning([metric]), 0) == "{map[__name__:m i:a] 1.5}")
        #expect(
            render(#"{{ printf "%v" (query "m" | first) }}"#, .invalid, returning([metric]), 0)
                == "&{map[__name__:m i:a] 1.5}")
        #expect(
            render(#"{{ printf "%+v" (query "m" | first) }}"#, .invalid, returning([metric]), 0)
                == "&{Labels:map[__name__:m i:a] Value:1.5}")
    }

    @Test("label and value on a nil sample fail like a nil dereference")
    func nilSample() {
        #expect(
            render("{{ value nil }}", .invalid, nil, 0)
                == #"error executing template test: template: test:1:3: executing "test" at <value nil>: "#
                + "error calling value: runtime error: invalid memory address or nil pointer dereference")
        #expect(render("{{ first nil }}", .invalid, nil, 0).hasSuffix("first() called on vector with no elements"))
    }
}
