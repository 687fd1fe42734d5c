import PromQL
import Testing

@testable import Rules

/// rulefmt's validation: every error of a file, with positions and group/rule context, in Prometheus's order.
@Suite("Rule file validation")
struct RuleFileValidationTests {
    private func errors(_ yaml: String, nameValidation: NameValidationScheme = .utf8) -> [String] {
        do {
            _ = try RuleFileLoader.parse(
                yaml, path: "r.yml", nameValidation: nameValidation, validateTemplate: RuleFixtures.validateTemplate)
            return []
        } catch {
            return error.messages
        }
    }

    @Test("all validation errors of a file are reported, in rulefmt's order")
    func manyErrors() {
        let yaml = """
            groups:
              - name: x
                labels:
                  __name__: a
                  "": b
                rules:
                  - record: r
                    expr: up
                    for: 1m
                    keep_firing_for: 2m
                    annotations:
                      "": x
                    labels:
                      "": y
              - name: x
                rules:
                  - alert: A
                    expr: up ===== 0
                  - alert: B
                    expr: up ===== 1
                    labels:
                      severity: "{{ $this_is_wrong }}"
                    annotations:
                      summary: "Instance {{ $label.instance }} down"
              - name: ""
            """
        let parse = "could not parse expression: 1:6: parse error: unexpected <op:==>"
        #expect(
            errors(yaml) == [
                "invalid label name: __name__",
                "invalid label name: ",
                #"7:17: group "x", rule 1, "r": invalid field 'annotations' in recording rule"#,
                #"7:17: group "x", rule 1, "r": invalid field 'for' in recording rule"#,
                #"7:17: group "x", rule 1, "r": invalid field 'keep_firing_for' in recording rule"#,
                #"group "x", rule 1, "r": invalid label name: "#,
                #"group "x", rule 1, "r": invalid annotation name: "#,
                #"0:0: groupname: "x" is repeated in the same file"#,
                #"18:15: group "x", rule 1, "A": \#(parse)"#,
                #"20:15: group "x", rule 2, "B": \#(parse)"#,
                #"group "x", rule 2, "B": label "severity": "#
                    + #"template: __alert_B:1: undefined variable "$this_is_wrong""#,
                #"group "x", rule 2, "B": annotation "summary": template: __alert_B:1: undefined variable "$label""#,
                "0:0: Groupname must not be empty",
            ])
    }

    @Test("templates are only parsed for alerting rules, with the alert name")
    func templatesOfAlertsOnly() {
        var seen: [String] = []
        let yaml = """
            groups:
              - name: g
                rules:
                  - record: r
                    expr: up
                    labels: {a: "{{ x }}"}
                  - alert: Down
                    expr: up == 0
                    labels: {severity: "{{ $labels.job }}"}
                    annotations: {summary: "{{ $value }}"}
            """
        _ = try? RuleFileLoader.parse(yaml, path: "") { text, name in
            seen.append("\(name): \(text)")
            return nil
        }
        #expect(seen == ["Down: {{ $labels.job }}", "Down: {{ $value }}"])
    }

    @Test("a null alert value points at its (empty) node")
    func namePositions() {
        let yaml = "groups:\n  - name: g\n    rules:\n      - record: ''\n        alert:\n        expr: up\n"
        #expect(errors(yaml) == [#"4:17: 5:15: group "g", rule 1, "": one of 'record' or 'alert' must be set"#])
    }

    @Test("group and rule names are Go-quoted in the context")
    func quotedNames() {
        let yaml = "groups:\n  - name: \"a\\tb\\\"c\"\n    rules:\n      - alert: \"é\\u00a0x\"\n"
        #expect(errors(yaml) == [#"0:0: group "a\tb\"c", rule 1, "é\u00a0x": field 'expr' must be set in rule"#])
    }

    @Test("legacy names: recording rule names and label names follow the classic rules")
    func legacyNames() {
        let yaml = "groups:\n  - name: g\n    rules:\n      - record: a.b\n        expr: up\n        labels: {x.y: z}\n"
        #expect(errors(yaml).isEmpty)
        #expect(
            errors(yaml, nameValidation: .legacy) == [
                #"4:17: group "g", rule 1, "a.b": invalid recording rule name: a.b"#,
                #"group "g", rule 1, "a.b": invalid label name: x.y"#,
            ])
    }

    @Test("group interval, limit and query offset reach the model; 0s interval means the global one")
    func groupSettings() throws {
        let yaml = """
            groups:
              - name: a
                interval: 1m30s
                limit: 10
                query_offset: 0s
                labels: {team: infra}
                rules: [{alert: A, expr: up == 0, for: 5m, keep_firing_for: 10m}]
              - name: b
                interval: 0s
                query_offset: 2m
            """
        let file = try RuleFileLoader.parse(yaml, path: "x.yml", validateTemplate: RuleFixtures.acceptTemplate)
        #expect(file.path == "x.yml")
        let first = file.groups[0]
        #expect(first.interval == 90_000)
        #expect(first.limit == 10)
        #expect(first.queryOffset == 0)
        #expect(first.labels == ["team": "infra"])
        #expect(file.groups[1].interval == nil)
        #expect(file.groups[1].queryOffset == 120_000)
        #expect(file.groups[1].rules.isEmpty)
        guard case .alerting(let alert) = first.rules[0] else {
            Issue.record("expected an alerting rule")
            return
        }
        #expect(alert.holdDuration == 300_000)
        #expect(alert.keepFiringFor == 600_000)
        #expect(alert.expression == "up == 0")
        #expect(alert.expr.description == "up == 0")
    }
}

@Suite("Rule file options")
struct RuleFileOptionTests {
    @Test("experimental PromQL functions need the feature, as in Prometheus")
    func experimentalFunctions() throws {
        let yaml = "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: limitk(1, up)\n"
        do {
            _ = try RuleFileLoader.parse(yaml, path: "", validateTemplate: RuleFixtures.acceptTemplate)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.messages == [
                    #"5:15: group "g", rule 1, "r": could not parse expression: 1:1: parse error: "#
                        + "limitk() is experimental and must be enabled with "
                        + "--enable-feature=promql-experimental-functions"
                ])
        }
        let file = try RuleFileLoader.parse(
            yaml, path: "", enableExperimentalFunctions: true, validateTemplate: RuleFixtures.acceptTemplate)
        #expect(file.groups[0].rules.map(\.name) == ["r"])
    }
}
