import Testing

@testable import GoTemplate

@Suite("humanize* functions (reference §3.3, Prometheus template_test.go)")
struct HumanizeTests {
    private func each(_ function: String, _ values: [TemplateValue]) -> String {
        TemplateHarness.render("{{ range . }}{{ \(function) . }}:{{ end }}", data: TemplateHarness.list(values))
    }

    private func floats(_ values: [Double]) -> [TemplateValue] { values.map { .float($0) } }
    private func strings(_ values: [String]) -> [TemplateValue] { values.map { .string($0) } }
    private func int64s(_ values: [Int64]) -> [TemplateValue] { values.map { .integer($0, .int64) } }

    @Test("humanize: floats, numeric strings, integers")
    func humanize() {
        #expect(each("humanize", floats([0, 1, 1_234_567, 0.12])) == "0:1:1.235M:120m:")
        #expect(each("humanize", strings(["0.0", "1.0", "1234567.0", ".12"])) == "0:1:1.235M:120m:")
        #expect(each("humanize", int64s([0, -1, 1, 1_234_567, Int64.max])) == "0:-1:1:1.235M:9.223E:")
        #expect(each("humanize", strings(["18446744073709551615"])) == "18.45E:")
        #expect(TemplateHarness.render("{{ humanize 0.000001234 }}") == "1.234u")
        #expect(TemplateHarness.render("{{ humanize -1500 }}") == "-1.5k")
    }

    @Test("humanize1024")
    func humanize1024() {
        #expect(each("humanize1024", floats([0, 1, 1_048_576, 0.12])) == "0:1:1Mi:0.12:")
        #expect(each("humanize1024", strings(["0.0", "1.0", "1048576.0", ".12"])) == "0:1:1Mi:0.12:")
        #expect(each("humanize1024", int64s([0, -1, 1, 1_234_567, Int64.max])) == "0:-1:1:1.177Mi:8Ei:")
        #expect(each("humanize1024", strings(["18446744073709551615"])) == "16Ei:")
    }

    @Test("humanizeDuration: whole, negative and fractional seconds")
    func humanizeDuration() {
        let whole = floats([0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99])
        #expect(
            each("humanizeDuration", whole)
                == "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:")
        #expect(
            each("humanizeDuration", strings(["0", "1", "60", "3600", "86400"]))
                == "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:")
        let fractional = floats([0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345])
        #expect(each("humanizeDuration", fractional) == "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:")
        #expect(
            each("humanizeDuration", strings([".1", ".0001", ".12345", "60.1", "60.5", "1.2345", "12.345"]))
                == "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:")
        #expect(each("humanizeDuration", int64s([0, -1, 1, 1_234_567])) == "0s:-1s:1s:14d 6h 56m 7s:")
    }

    @Test("humanizePercentage")
    func humanizePercentage() {
        #expect(
            TemplateHarness.render(
                "{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:"
                    + "{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}")
                == "-22.22%:0%:12.35%:123.5%")
        #expect(
            each("humanizePercentage", int64s([0, -1, 1, 1_234_567, Int64.max]))
                == "0%:-100%:100%:1.235e+08%:9.223e+20%:")
        #expect(
            TemplateHarness.render(
                #"{{ "-0.22222" | humanizePercentage }}:{{ "0.0" | humanizePercentage }}:"#
                    + #"{{ "0.1234567" | humanizePercentage }}:{{ "1.23456" | humanizePercentage }}"#)
                == "-22.22%:0%:12.35%:123.5%")
        #expect(TemplateHarness.render("{{ 0.8 | humanizePercentage }}") == "80%")
    }

    @Test("humanizeTimestamp")
    func humanizeTimestamp() {
        #expect(
            each("humanizeTimestamp", int64s([0, -1, 1, 1_234_567, 9_223_372_036]))
                == "1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:"
                + "1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:")
        #expect(
            TemplateHarness.render("{{ 1435065584.128 | humanizeTimestamp }}") == "2015-06-23 13:19:44.128 +0000 UTC")
        #expect(
            TemplateHarness.render(#"{{ "1435065584.128" | humanizeTimestamp }}"#)
                == "2015-06-23 13:19:44.128 +0000 UTC")
        #expect(
            each("humanizeTimestamp", int64s([Int64.min, Int64.max]))
                == "error executing template test: template: test:1:16: executing \"test\" at <humanizeTimestamp .>: "
                + "error calling humanizeTimestamp: -9.223372036854776e+18 cannot be represented as a nanoseconds "
                + "timestamp since it overflows int64")
        #expect(
            each("humanizeTimestamp", strings(["18446744073709551615"]))
                == "error executing template test: template: test:1:16: executing \"test\" at <humanizeTimestamp .>: "
                + "error calling humanizeTimestamp: 1.8446744073709552e+19 cannot be represented as a nanoseconds "
                + "timestamp since it overflows int64")
    }

    @Test("NaN and ±Inf pass through every humanize function as %.4g")
    func specialValues() {
        let template =
            "{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:"
            + "{{humanizeTimestamp .}}:{{ end }}"
        let expected = "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:"
        #expect(
            TemplateHarness.render(template, data: TemplateHarness.list(floats([.infinity, -.infinity, .nan])))
                == expected)
        #expect(
            TemplateHarness.render(template, data: TemplateHarness.list(strings(["+Inf", "-Inf", "NaN"]))) == expected)
    }

    @Test("bad numeric input: ParseFloat and conversion errors")
    func badInput() {
        #expect(
            TemplateHarness.render(#"{{ humanize "one" }}"#)
                == #"error executing template test: template: test:1:3: executing "test" at <humanize "one">: "#
                + #"error calling humanize: strconv.ParseFloat: parsing "one": invalid syntax"#)
        #expect(
            TemplateHarness.render(#"{{ humanize1024 "one" }}"#)
                == #"error executing template test: template: test:1:3: executing "test" at <humanize1024 "one">: "#
                + #"error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax"#)
        #expect(
            TemplateHarness.render(#"{{ humanizeDuration "one" }}"#)
                == #"error executing template test: template: test:1:3: executing "test" at <humanizeDuration "one">: "#
                + #"error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax"#)
        #expect(
            TemplateHarness.render(#"{{ "one" | humanizePercentage }}"#)
                == #"error executing template test: template: test:1:11: executing "test" at <humanizePercentage>: "#
                + #"error calling humanizePercentage: strconv.ParseFloat: parsing "one": invalid syntax"#)
        #expect(
            TemplateHarness.render("{{ humanize true }}")
                == #"error executing template test: template: test:1:3: executing "test" at <humanize true>: "#
                + "error calling humanize: can't convert bool to float")
        #expect(
            TemplateHarness.render(
                "{{ humanize .Labels }}",
                data: .alert(
                    AlertData(
                        labels: [:], externalLabels: [:],
                        externalURL: "", value: 1))
            )
            .hasSuffix("error calling humanize: can't convert map[string]string to float"))
        #expect(TemplateHarness.render(#"{{ humanize "1e400" }}"#).hasSuffix(#"parsing "1e400": value out of range"#))
    }
}
