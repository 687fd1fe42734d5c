import Testing

@testable import GoTemplate

@Suite("text/template control flow, variables, pipelines, whitespace")
struct ControlFlowTests {
    private func render(_ text: String, _ data: TemplateValue = .invalid) -> String {
        TemplateHarness.render(text, data: data)
    }

    @Test("if / else if / else and Go truthiness")
    func conditionals() {
        #expect(render("{{if true}}T{{else}}F{{end}}") == "T")
        #expect(render("{{if 0}}T{{else}}F{{end}}{{if 0.0}}T{{else}}F{{end}}{{if \"\"}}T{{else}}F{{end}}") == "FFF")
        #expect(render("{{if 1}}T{{end}}{{if \"x\"}}T{{end}}{{if 0.5}}T{{end}}{{if .}}T{{else}}F{{end}}") == "TTTF")
        #expect(render("{{if eq 1 2}}a{{else if eq 1 1}}b{{else}}c{{end}}") == "b")
        #expect(render("{{if eq 1 2}}a{{else if eq 1 3}}b{{else}}c{{end}}") == "c")
        #expect(render("{{if .}}full{{else}}empty{{end}}", .stringMap([:])) == "empty")
        #expect(render("{{if .}}full{{else}}empty{{end}}", .stringMap(["a": "b"])) == "full")
        #expect(render("{{if and 1 0}}T{{else}}F{{end}}{{if or 0 \"x\"}}T{{end}}{{if not 0}}T{{end}}") == "FTT")
    }

    @Test("with sets dot; else and else with")
    func with() {
        #expect(render("{{with \"x\"}}<{{.}}>{{end}}") == "<x>")
        #expect(render("{{with \"\"}}a{{else}}b{{end}}") == "b")
        #expect(render("{{with $x := \"hello\"}}{{$x}} {{.}}{{end}}") == "hello hello")
        #expect(render("{{with 0}}a{{else with 7}}{{.}}{{end}}") == "7")
    }

    @Test("range over maps (sorted keys), lists, integers; else; break and continue")
    func ranges() {
        let map = TemplateValue.stringMap(["b": "2", "a": "1", "c": "3"])
        #expect(render("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", map) == "a=1;b=2;c=3;")
        #expect(render("{{range .}}{{.}}{{end}}", map) == "123")
        #expect(render("{{range $v := .}}{{$v}}{{end}}", map) == "123")
        #expect(render("{{range .}}x{{else}}none{{end}}", .stringMap([:])) == "none")
        #expect(render("{{range .}}x{{else}}none{{end}}") == "none")
        #expect(
            render("{{range 3}}{{.}}{{end}}|{{range $i := 3}}{{$i}}{{end}}|{{range 0}}x{{else}}zero{{end}}")
                == "012|012|zero")
        #expect(render("{{range $i := 5}}{{if eq $i 3}}{{break}}{{end}}{{$i}}{{end}}") == "012")
        #expect(render("{{range $i := 5}}{{if eq $i 3}}{{continue}}{{end}}{{$i}}{{end}}") == "0124")
        let samples = TemplateValue.queryResult([
            TemplateHarness.sample(["i": "a"], 1), TemplateHarness.sample(["i": "b"], 2),
        ])
        #expect(render("{{range $n, $s := .}}{{$n}}:{{$s.Labels.i}}={{$s.Value}} {{end}}", samples) == "0:a=1 1:b=2 ")
        #expect(render("{{range $i, $x := 3}}{{end}}").hasSuffix("can't use 3 to iterate over more than one variable"))
    }

    @Test("variables: declaration, assignment, scoping to {{end}}")
    func variables() {
        #expect(render("{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}") == "21")
        #expect(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}") == "2")
        #expect(render("{{$s := 0}}{{range $i := 3}}{{$s = $i}}{{end}}{{$s}}") == "2")
        #expect(render("{{$x := \"a\"}}{{$x = printf \"%s%s\" $x \"b\"}}{{$x}}") == "ab")
        #expect(render("{{range $i := 2}}{{$y := $i}}{{$y}}{{end}}") == "01")
        #expect(render("{{$ := 5}}{{$}}") == "5")
        #expect(
            render("{{if true}}{{$x := 1}}{{end}}{{$x}}")
                == "error parsing template test: template: test:1: undefined variable \"$x\"")
        #expect(
            render("{{$x = 1}}")
                == "error executing template test: template: test:1:7: executing \"test\" at <1>: undefined variable: $x"
        )
    }

    @Test("pipelines, parenthesized pipelines, and/or short-circuit")
    func pipelines() {
        #expect(render(#"{{ "abc" | printf "%s-%s" "x" }}"#) == "x-abc")
        #expect(render(#"{{ 3 | printf "%d" }}{{ printf "%d" (len "abc") }}"#) == "33")
        #expect(render(#"{{ and 1 0 "x" }}|{{ or 0 "" "y" }}|{{ and 1 2 }}|{{ or 0 "" }}|"#) == "0|y|2||")
        #expect(render("{{ or 1 (index nil 0) }}{{ and 0 (index nil 0) }}") == "10")
        #expect(render("{{ 0 | and 1 }}{{ 5 | or 0 }}") == "05")
        #expect(render("{{ not 0 }} {{ not \"x\" }}") == "true false")
    }

    @Test("literals: numbers (Go ideal constants), strings, chars, raw strings, complex")
    func literals() {
        #expect(
            render("{{ 0x1F }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }} {{ 017 }} {{ -5 }} {{ +7 }}")
                == "31 1000 15 5 15 -5 7")
        #expect(render("{{ 1e3 }} {{ 1.50 }} {{ .5 }} {{ 2. }} {{ 0x1p-2 }} {{ 1e21 }}") == "1000 1.5 0.5 2 0.25 1e+21")
        #expect(render("{{ 'a' }} {{ '\\n' }} {{ printf \"%c\" 'x' }} {{ '\\u00e9' }}") == "97 10 x 233")
        #expect(render(#"{{ "a\tb\u00e9\x41" }}"#) == "a\tbéA")
        #expect(render("{{ `a\\nb` }}") == "a\\nb")
        #expect(render("{{ 1+2i }} {{ 3i }} {{ printf \"%T\" 2i }}") == "(1+2i) (0+3i) complex128")
        #expect(render("{{ printf \"%T %T %T %T\" 1 1.0 \"s\" true }}") == "int float64 string bool")
        #expect(render("{{ 9223372036854775807 }}") == "9223372036854775807")
        #expect(
            render("{{ 18446744073709551615 }}")
                == "error executing template test: template: test:1:3: executing \"test\" at <18446744073709551615>: "
                + "18446744073709551615 overflows int")
        #expect(render("{{ 080 }}") == "error parsing template test: template: test:1: integer overflow: \"080\"")
        #expect(
            render("{{ 1e400 }}") == "error parsing template test: template: test:1: illegal number syntax: \"1e400\"")
    }

    @Test("builtins: len, index, slice, comparisons, print, escapers")
    func builtins() {
        #expect(render(#"{{ len "héllo" }} {{ len . }}"#, .stringMap(["a": "b"])) == "6 1")
        #expect(
            render(#"{{ index "abc" 1 }} {{ index . "a" }} [{{ index . "zz" }}]"#, .stringMap(["a": "b"])) == "98 b []")
        #expect(render(#"{{ slice "abcdef" 1 3 }} {{ slice "abcdef" 4 }} {{ slice "abc" }}"#) == "bc ef abc")
        #expect(
            render("{{ eq 2 1 2 3 }} {{ eq \"a\" \"b\" }} {{ ne 1 2 }} {{ lt 1.5 2.5 }} {{ lt \"a\" \"b\" }}")
                == "true false true true true")
        #expect(
            render(
                "{{ le 2 2 }} {{ ge 1 2 }} {{ gt 3 2 }} {{ eq (index \"a\" 0) 97 }} {{ eq nil nil }} {{ eq .x \"\" }}")
                == "true false true true true false")
        #expect(render("{{ print 1 2 \"a\" 3 \"b\" \"c\" }}|{{ println 1 \"a\" }}|") == "1 2a3bc|1 a\n|")
        #expect(render(#"{{ html "<a href=\"x\">'&'</a>" }}"#) == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(render(#"{{ js "it's <b>=\"\"" }}"#) == #"it\'s \u003Cb\u003E\u003D\"\""#)
        #expect(render(#"{{ urlquery "a b" "c&" }} {{ urlquery 1 2 }}"#) == "a+bc%26 1+2")
        #expect(render("{{ html nil }}") == "&lt;no value&gt;")
    }

    @Test("{{define}}, {{template}} and {{block}}")
    func namedTemplates() {
        #expect(render(#"{{define "T"}}Hello {{.}}{{end}}{{template "T" "you"}}"#) == "Hello you")
        #expect(render(#"{{block "B" .}}[{{.}}]{{end}}"#, .string("dot")) == "[dot]")
        #expect(render(#"{{define "T"}}{{$}}{{end}}{{$x := 1}}{{template "T" 2}}"#) == "2")
        #expect(
            render(#"{{template "missing"}}"#)
                == "error executing template test: template: test:1:11: executing \"test\" at <{{template \"missing\"}}>: "
                + "template \"missing\" not defined")
        #expect(
            render(#"{{define "T"}}{{.Foo}}{{end}}{{template "T" 1}}"#)
                == "error executing template test: template: test:1:16: executing \"T\" at <.Foo>: "
                + "can't evaluate field Foo in type int")
    }

    @Test("comments and whitespace trimming")
    func whitespace() {
        #expect(render("a{{/* comment */}}b") == "ab")
        #expect(render("a {{- /* c */ -}} b") == "ab")
        #expect(render("{{ 23 -}} < {{- 45 }}") == "23<45")
        #expect(render("a  \n\t{{- \"b\" }}") == "ab")
        #expect(render("{{ \"a\" -}}  \n b") == "ab")
        #expect(render("{{-3}}") == "-3")
        #expect(render("x\n{{- range 2 }}\n  - {{ . }}\n{{- end }}\n") == "x\n  - 0\n  - 1\n")
        #expect(render("{{\n  1\n}}") == "1")
    }

    @Test("data access: fields, maps, missing keys, <no value>")
    func dataAccess() {
        #expect(render("{{ .Foo }}") == "<no value>")
        #expect(render("{{ .a }}|{{ .missing }}", .anyMap(["a": .invalid])) == "<no value>|<no value>")
        #expect(
            render("{{ .a.b }}", .anyMap(["a": .invalid]))
                == "error executing template test: template: test:1:5: executing \"test\" at <.a.b>: "
                + "nil pointer evaluating interface {}.b")
        #expect(render("{{ .x }}", .stringMap([:])) == "")
        #expect(render("{{ . }}", .stringMap(["b": "2", "a": "1"])) == "map[a:1 b:2]")
        let alert = TemplateValue.alert(AlertData(labels: ["a": "b"], externalLabels: [:], externalURL: "u", value: 2))
        #expect(render("{{ . }}", alert) == "{map[a:b] map[] u 2}")
    }
}
