import Testing

@testable import GoTemplate

@Suite("Go's parse and execution error texts")
struct TemplateErrorTests {
    private func parseError(_ text: String) -> String {
        TemplateHarness.render(text).replacingPrefix("error parsing template test: ")
    }

    private func execError(_ text: String, _ data: TemplateValue = .invalid) -> String {
        TemplateHarness.render(text, data: data).replacingPrefix("error executing template test: ")
    }

    @Test(
        "parse errors",
        arguments: [
            ("{{", "template: test:1: unclosed action"),
            ("{{ .X", "template: test:1: unclosed action"),
            ("{{ .Foo\n", "template: test:2: unclosed action started at test:1"),
            ("{{ }}", "template: test:1: missing value for command"),
            ("{{ end }}", "template: test:1: unexpected {{end}}"),
            ("{{ else }}", "template: test:1: unexpected {{else}}"),
            ("{{ if true }}x", "template: test:1: unexpected EOF"),
            ("a\n\n{{ if }}", "template: test:3: missing value for if"),
            ("{{ 1 | 2 }}", "template: test:1: non executable command in pipeline stage 2"),
            ("{{ undefinedFn }}", "template: test:1: function \"undefinedFn\" not defined"),
            ("{{ $x }}", "template: test:1: undefined variable \"$x\""),
            ("{{ \"unterminated }}", "template: test:1: unterminated quoted string"),
            ("{{ `raw", "template: test:1: unterminated raw quoted string"),
            ("{{ 'ab' }}", "template: test:1: malformed character constant: 'ab'"),
            ("{{ 'a }}", "template: test:1: unterminated character constant"),
            ("{{ 3x }}", "template: test:1: bad number syntax: \"3x\""),
            ("{{ (1 }}", "template: test:1: unclosed left paren"),
            ("{{ 1) }}", "template: test:1: unexpected right paren"),
            ("{{ break }}", "template: test:1: {{break}} outside {{range}}"),
            ("{{ range 3 }}{{ break 1 }}{{ end }}", "template: test:1: unexpected \"1\" in {{break}}"),
            ("{{/* unclosed", "template: test:1: unclosed comment"),
            ("{{/* c */ }}", "template: test:1: comment ends before closing delimiter"),
            ("{{ \"a\".b }}", "template: test:1: unexpected . after term \"\\\"a\\\"\""),
            ("{{ range $i, $j, $k := . }}{{ end }}", "template: test:1: too many declarations in range"),
            ("{{ with $x, $y := . }}{{ end }}", "template: test:1: too many declarations in with"),
            ("{{ range $i, 1 }}{{ end }}", "template: test:1: range can only initialize variables"),
            ("{{\u{A0}}}", "template: test:1: unrecognized character in action: U+00A0"),
            ("{{ a€ }}", "template: test:1: bad character U+20AC '€'"),
            ("{{ : }}", "template: test:1: expected :="),
            ("{{ $x := 1 }}{{ else }}", "template: test:1: unexpected {{else}}"),
            ("{{ if 1 }}{{ else }}{{ else }}{{ end }}", "template: test:1: expected end; found {{else}}"),
            ("{{ \"\\q\" }}", "template: test:1: invalid syntax"),
            ("{{ template .X }}", "template: test:1: unexpected \".X\" in template clause"),
            (
                "{{ 1 2 3 4 5 6 7 8 9 0 1 2 | abcdefghijklm }}",
                "template: test:1: function \"abcdefghijklm\" not defined"
            ),
            ("{{ if 1 }}{{ define \"x\" }}{{ end }}{{ end }}", "template: test:1: unexpected <define> in command"),
            ("{{ 1 }}{{ \"abcdefghijkl\" x }}", "template: test:1: function \"x\" not defined"),
            ("{{ .X ! }}", "template: test:1: unexpected \"!\" in operand"),
            ("{{ | 1 }}", "template: test:1: unexpected \"|\" in command"),
        ])
    func parseErrors(text: String, expected: String) {
        #expect(parseError(text) == expected)
    }

    @Test(
        "execution errors carry line:column and the node",
        arguments: [
            ("{{ nil }}", "template: test:1:3: executing \"test\" at <nil>: nil is not a command"),
            ("{{ 1 2 }}", "template: test:1:3: executing \"test\" at <1>: can't give argument to non-function 1"),
            ("{{ printf 1 }}", "template: test:1:10: executing \"test\" at <1>: expected string; found 1"),
            (
                "{{ $x := 1.5 }}{{ printf $x }}",
                "template: test:1:25: executing \"test\" at <$x>: wrong type for value; expected string; got float64"
            ),
            ("{{ len 3 }}", "template: test:1:3: executing \"test\" at <len 3>: error calling len: len of type int"),
            (
                "{{ index 1 0 }}",
                "template: test:1:3: executing \"test\" at <index 1 0>: error calling index: can't index item of type int"
            ),
            (
                "{{ index \"abc\" 5 }}",
                "template: test:1:3: executing \"test\" at <index \"abc\" 5>: error calling index: index out of range: 5"
            ),
            (
                "{{ index \"abc\" 3 }}",
                "template: test:1:3: executing \"test\" at <index \"abc\" 3>: error calling index: reflect: string index out of range"
            ),
            (
                "{{ index . 1 }}",
                "template: test:1:3: executing \"test\" at <index . 1>: error calling index: value has type int; should be string"
            ),
            (
                "{{ slice \"abc\" 2 1 }}",
                "template: test:1:3: executing \"test\" at <slice \"abc\" 2 1>: error calling slice: invalid slice index: 2 > 1"
            ),
            ("{{ gt 1 }}", "template: test:1:3: executing \"test\" at <gt>: wrong number of args for gt: want 2 got 1"),
            (
                "{{ and }}",
                "template: test:1:3: executing \"test\" at <and>: wrong number of args for and: want at least 1 got 0"
            ),
            (
                "{{ now 1 }}",
                "template: test:1:3: executing \"test\" at <now>: wrong number of args for now: want 0 got 1"
            ),
            (
                "{{ eq 1 }}",
                "template: test:1:3: executing \"test\" at <eq 1>: error calling eq: missing argument for comparison"
            ),
            (
                "{{ eq 1 \"a\" }}",
                "template: test:1:3: executing \"test\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison: int and string"
            ),
            (
                "{{ lt true false }}",
                "template: test:1:3: executing \"test\" at <lt true false>: error calling lt: invalid type for comparison"
            ),
            (
                "{{ lt . 1 }}",
                "template: test:1:3: executing \"test\" at <lt . 1>: error calling lt: invalid type for comparison"
            ),
            (
                "{{ eq . . }}",
                "template: test:1:3: executing \"test\" at <eq . .>: error calling eq: non-comparable type map[]: map[string]string"
            ),
            ("{{ toUpper 1 }}", "template: test:1:11: executing \"test\" at <1>: expected string; found 1"),
            (
                "{{ first \"x\" }}",
                "template: test:1:9: executing \"test\" at <\"x\">: can't handle \"x\" for arg of type template.queryResult"
            ),
            (
                "{{ label \"x\" 1 }}",
                "template: test:1:13: executing \"test\" at <1>: can't handle 1 for arg of type *template.sample"
            ),
            ("{{ toUpper nil }}", "template: test:1:11: executing \"test\" at <nil>: cannot assign nil to string"),
            (
                "{{ range 1.5 }}{{ end }}",
                "template: test:1:9: executing \"test\" at <1.5>: range can't iterate over 1.5"
            ),
            (
                "{{ range \"abc\" }}{{ end }}",
                "template: test:1:9: executing \"test\" at <\"abc\">: range can't iterate over abc"
            ),
            (
                "{{ call . 1 }}",
                "template: test:1:3: executing \"test\" at <call . 1>: error calling call: non-function . of type map[string]string"
            ),
            ("{{ call nil }}", "template: test:1:3: executing \"test\" at <call nil>: error calling call: call of nil"),
            ("{{ .x.y }}", "template: test:1:5: executing \"test\" at <.x.y>: can't evaluate field y in type string"),
            (
                "{{ $x := 1 }}{{ $x.foo }}",
                "template: test:1:18: executing \"test\" at <$x.foo>: can't evaluate field foo in type int"
            ),
            ("{{ .x 1 }}", "template: test:1:3: executing \"test\" at <.x>: x is not a method but has arguments"),
            (
                "{{ (toTime 0).Nope }}",
                "template: test:1:11: executing \"test\" at <0>: can't evaluate field Nope in type *time.Time"
            ),
            (
                "{{ (toTime 0).Format }}",
                "template: test:1:11: executing \"test\" at <0>: wrong number of args for Format: want 1 got 0"
            ),
            (
                "{{ \"x\" | safeHtml | toUpper }}",
                "template: test:1:20: executing \"test\" at <toUpper>: wrong type for value; expected string; got template.HTML"
            ),
        ] as [(String, String)])
    func executionErrors(text: String, expected: String) {
        #expect(execError(text, .stringMap([:])) == expected)
    }

    @Test("errors in alert data: struct fields and the interface{} Value")
    func alertDataErrors() {
        let alert = TemplateValue.alert(AlertData(labels: [:], externalLabels: [:], externalURL: "", value: 1))
        #expect(
            execError("{{ .Value.foo }}", alert)
                == "template: test:1:9: executing \"test\" at <.Value.foo>: can't evaluate field foo in type interface {}"
        )
        #expect(
            execError("{{ $v := .Value }}{{ $v.foo }}", alert)
                == "template: test:1:23: executing \"test\" at <$v.foo>: can't evaluate field foo in type float64")
        #expect(
            execError("{{ .Value 1 }}", alert)
                == "template: test:1:3: executing \"test\" at <.Value>: Value has arguments but cannot be invoked as function"
        )
        #expect(execError("{{ .Labels.a.b }}", alert).hasSuffix("can't evaluate field b in type string"))
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : "UNEXPECTED: " + self
    }
}
