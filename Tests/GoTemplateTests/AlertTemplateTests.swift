import Testing

@testable import GoTemplate

@Suite("AlertTemplate: expansion with Prometheus's prelude, validation, limits")
struct AlertTemplateTests {
    private let context = AlertTemplateContext(
        labels: ["__name__": "up", "instance": "node1:9100", "job": "node"], value: 1_234_567,
        externalLabels: ["cluster": "eu-1"], externalURL: "https://prom.example.com/prometheus",
        evaluationTime: 1_700_000_000_000)

    private func expand(_ text: String, value: Double? = nil) -> String {
        var context = context
        if let value { context.value = value }
        return AlertTemplate.expand(text, name: "HighMemory", context: context).output
    }

    @Test(
        "$value prints like Go's %v for float64",
        arguments: [
            (123_456, "123456"), (1_234_567, "1.234567e+06"), (1e6, "1e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (0.5, "0.5"), (0, "0"), (-0.0, "-0"), (100_000, "100000"), (12_345.678, "12345.678"),
            (1.0 / 3, "0.3333333333333333"), (1e21, "1e+21"), (-2.5e-7, "-2.5e-07"), (.nan, "NaN"),
            (.infinity, "+Inf"), (-.infinity, "-Inf"), (1_353_755_652, "1.353755652e+09"),
        ] as [(Double, String)])
    func valueFormatting(value: Double, expected: String) {
        #expect(expand("{{ $value }}", value: value) == expected)
        #expect(expand("{{ .Value }}", value: value) == expected)
    }

    @Test("labels, external labels and URL through variables and fields")
    func data() {
        #expect(expand("{{ $labels.instance }} of {{ $labels.job }}") == "node1:9100 of node")
        #expect(
            expand("{{ .Labels.instance }}/{{ index .Labels \"job\" }}/{{ $labels.__name__ }}") == "node1:9100/node/up")
        #expect(expand("[{{ $labels.nope }}][{{ .Labels.nope }}][{{ index $labels \"nope\" }}]") == "[][][]")
        #expect(
            expand("{{ $externalLabels.cluster }} {{ $externalURL }} {{ .ExternalURL }}")
                == "eu-1 https://prom.example.com/prometheus https://prom.example.com/prometheus")
        #expect(
            expand("{{ $value | humanize }} {{ printf \"%.2f\" $value }} {{ humanize1024 .Value }}")
                == "1.235M 1234567.00 1.177Mi")
        #expect(expand("{{ $.Labels.job }}") == "node")
        #expect(expand("no template here") == "no template here")
        #expect(expand("{{ pathPrefix }} {{ now }}") == "/prometheus 1.7e+09")
    }

    @Test("comparisons are type-strict: gt $value 80.0 works, gt $value 80 is an error")
    func strictComparison() {
        #expect(expand("{{ if gt $value 80.0 }}high{{ else }}low{{ end }}", value: 95) == "high")
        #expect(expand("{{ if gt $value 80.0 }}high{{ else }}low{{ end }}", value: 5) == "low")
        let result = AlertTemplate.expand("{{ if gt $value 80 }}high{{ end }}", name: "HighMemory", context: context)
        let message =
            "error executing template __alert_HighMemory: template: __alert_HighMemory:1:118: executing "
            + "\"__alert_HighMemory\" at <gt $value 80>: error calling gt: incompatible types for comparison: "
            + "float64 and int"
        #expect(result.error == message)
        #expect(result.output == "<error expanding template: \(message)>")
    }

    @Test("errors on later lines report line and column without the prelude offset")
    func multiLineError() {
        let result = AlertTemplate.expand("first\n  {{ .Foo }}", name: "X", context: context)
        #expect(
            result.error
                == "error executing template __alert_X: template: __alert_X:2:5: executing \"__alert_X\" at <.Foo>: "
                + "can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels "
                + "map[string]string; ExternalURL string; Value interface {} }")
    }

    @Test("parse errors during expansion are wrapped as Prometheus does")
    func parseErrorDuringExpansion() {
        let result = AlertTemplate.expand("{{ $label.instance }}", name: "X", context: context)
        #expect(
            result.error == "error parsing template __alert_X: template: __alert_X:1: undefined variable \"$label\"")
        #expect(result.output == "<error expanding template: \(result.error ?? "")>")
    }

    @Test("validate: the promtool check rules message, nil when it parses")
    func validate() {
        #expect(
            AlertTemplate.validate("{{ $label.instance }}", name: "X")
                == "template: __alert_X:1: undefined variable \"$label\"")
        #expect(
            AlertTemplate.validate("Instance {{ $label.foo }} down", name: "InstanceDown")
                == "template: __alert_InstanceDown:1: undefined variable \"$label\"")
        #expect(AlertTemplate.validate("{{ $labels.instance }} of job {{ $labels.job }}", name: "X") == nil)
        #expect(AlertTemplate.validate("stuff's happening with {{ $.labels.service }}", name: "X") == nil)
        #expect(
            AlertTemplate.validate("{{ nosuch 1 }}", name: "X")
                == "template: __alert_X:1: function \"nosuch\" not defined")
        #expect(AlertTemplate.validate("{{ if }}", name: "X") == "template: __alert_X:1: missing value for if")
        #expect(AlertTemplate.validate("{{ if 1 }}", name: "X") == "template: __alert_X:1: unexpected EOF")
        #expect(AlertTemplate.validate("a\n{{ end }}", name: "X") == "template: __alert_X:2: unexpected {{end}}")
        #expect(AlertTemplate.validate("plain", name: "X") == nil)
        #expect(AlertTemplate.validate("{{ humanize $value }}", name: "X") == nil)
    }

    @Test("query results through the context's query function")
    func query() {
        var context = context
        context.query = { expression in
            #expect(expression == "node_memory_MemTotal_bytes{instance=\"node1:9100\"}")
            return [TemplateQuerySample(labels: ["instance": "node1:9100"], value: 8_589_934_592)]
        }
        let text =
            #"{{ with printf "node_memory_MemTotal_bytes{instance=%q}" $labels.instance | query }}"#
            + #"{{ . | first | value | humanize1024 }}B{{ end }}"#
        #expect(AlertTemplate.expand(text, name: "X", context: context).output == "8GiB")
    }

    @Test("output is capped at 64 KiB")
    func outputCap() {
        let text = "{{ range 5000 }}0123456789abcdef{{ end }}"
        let result = AlertTemplate.expand(text, name: "X", context: context)
        #expect(result.error == "error executing template __alert_X: template output exceeds 65536 bytes")
        #expect(
            result.output
                == "<error expanding template: error executing template __alert_X: template output exceeds 65536 bytes>"
        )
        let large = String(repeating: "y", count: 70_000)
        let huge = AlertTemplate.expand("{{ printf \"%s%s\" \"" + large + "\" \"\" }}", name: "X", context: context)
        #expect(huge.error == "error executing template __alert_X: template output exceeds 65536 bytes")
        let fits = AlertTemplate.expand("{{ printf \"%60000s\" \"\" }}", name: "X", context: context)
        #expect(fits.error == nil)
        #expect(fits.output.utf8.count == 60_000)
    }

    @Test("loops and recursion are bounded")
    func loopBounds() {
        let loop = AlertTemplate.expand("{{ range 1000000 }}{{ end }}", name: "X", context: context)
        #expect(loop.error?.hasSuffix("exceeded maximum range iterations (10000)") == true)
        let nested = AlertTemplate.expand(
            "{{ range 1000 }}{{ range 1000 }}{{ end }}{{ end }}", name: "X", context: context)
        #expect(nested.error?.hasSuffix("exceeded maximum range iterations (10000)") == true)
        let recursive = AlertTemplate.expand(
            #"{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}"#,
            name: "X", context: context)
        #expect(recursive.error?.hasSuffix("exceeded maximum template depth (64)") == true)
        var doubling = "{{ $s := \"ab\" }}{{ range 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}{{ len $s }}"
        let grown = AlertTemplate.expand(doubling, name: "X", context: context)
        #expect(grown.error?.hasSuffix("exceeded maximum evaluation size (16777216 bytes)") == true)
        doubling = "{{ $s := \"ab\" }}{{ range 10 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}{{ len $s }}"
        #expect(AlertTemplate.expand(doubling, name: "X", context: context).output == "2048")
        let deep = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(
            AlertTemplate.validate("{{ \(deep) }}", name: "X") == "template: __alert_X:1: max expression depth exceeded"
        )
        let ifs = String(repeating: "{{ if 1 }}", count: 150) + String(repeating: "{{ end }}", count: 150)
        #expect(AlertTemplate.validate(ifs, name: "X") == "template: __alert_X:1: max control depth exceeded")
    }

    @Test("the parse cache stays bounded")
    func cacheBound() {
        let cache = TemplateCache(capacity: 3)
        for index in 0..<10 {
            cache.store("k\(index)", .failure(TemplateParseError(message: "\(index)")))
        }
        #expect(cache.count == 3)
        #expect(cache.lookup("k9") != nil)
        #expect(cache.lookup("k0") == nil)
    }

    @Test("expansion is fast enough for thousands of annotations per second")
    func throughput() {
        let text =
            "{{ $labels.instance }} of job {{ $labels.job }} uses {{ $value | humanize1024 }}B "
            + "({{ printf \"%.1f\" $value }}); {{ if gt $value 1000.0 }}over{{ else }}under{{ end }} threshold"
        let start = ContinuousClock.now
        for index in 0..<5000 {
            var context = context
            context.value = Double(index)
            _ = AlertTemplate.expand(text, name: "Load", context: context)
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5))
    }
}
