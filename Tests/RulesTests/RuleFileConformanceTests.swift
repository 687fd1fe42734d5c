import PromQL
import Testing

@testable import Rules

/// Prometheus's rulefmt testdata: the good files load, each bad file fails with the message Prometheus gives.
@Suite("Rule file conformance", .enabled(if: RuleFixtures.available))
struct RuleFileConformanceTests {
    private func load(
        _ name: String, nameValidation: NameValidationScheme = .utf8
    ) throws(RuleFileErrors) -> RuleFile {
        try RuleFileLoader.load(
            path: RuleFixtures.rulefmt + "/" + name, nameValidation: nameValidation,
            validateTemplate: RuleFixtures.validateTemplate)
    }

    private func errors(_ name: String, nameValidation: NameValidationScheme = .utf8) -> [String] {
        do {
            _ = try load(name, nameValidation: nameValidation)
            return []
        } catch {
            return error.messages
        }
    }

    @Test(
        "every good and test file loads",
        arguments: RuleFixtures.files(in: RuleFixtures.rulefmt).filter {
            $0.contains("good") || $0.hasPrefix("test")
        })
    func goodFilesLoad(name: String) throws {
        let file = try load(name)
        #expect(!file.groups.isEmpty)
        #expect(file.path == RuleFixtures.rulefmt + "/" + name)
    }

    @Test(
        "every bad file fails with Prometheus's message",
        arguments: [
            (
                "bad_expr.bad.yaml",
                #"5:15: group "yolo", rule 1, "yolo": could not parse expression: 1:6: parse error: "#
                    + #"expected type range vector in call to function "rate", got instant vector"#
            ),
            (
                "bad_field.bad.yaml",
                "yaml: unmarshal errors:\n  line 8: field annotation not found in type rulefmt.Rule"
            ),
            ("duplicate_grp.bad.yaml", #"0:0: groupname: "yolo" is repeated in the same file"#),
            ("invalid_label_name.bad.yaml", #"group "yolo", rule 1, "hola": invalid label name: __name__"#),
            (
                "invalid_record_name.bad.yaml",
                #"4:17: group "yolo", rule 1, "strawberry{flavor=\"sweet\"}": "#
                    + #"braces present in the recording rule name; should it be in expr?: strawberry{flavor="sweet"}"#
            ),
            ("no_rec_alert.bad.yaml", #"0:0: 0:0: group "yolo", rule 1, "": one of 'record' or 'alert' must be set"#),
            ("noexpr.bad.yaml", #"0:0: group "yolo", rule 1, "ylo": field 'expr' must be set in rule"#),
            (
                "record_and_alert.bad.yaml",
                #"4:17: 5:16: group "yolo", rule 1, "Hello": only one of 'record' and 'alert' must be set"#
            ),
            ("record_and_for.bad.yaml", #"4:17: group "yolo", rule 1, "Hello": invalid field 'for' in recording rule"#),
            (
                "record_and_keep_firing_for.bad.yaml",
                #"4:17: group "yolo", rule 1, "Hello": invalid field 'keep_firing_for' in recording rule"#
            ),
        ])
    func badFilesFail(name: String, message: String) {
        #expect(errors(name) == [message])
    }

    @Test("every bad file is covered by a test")
    func everyBadFileIsCovered() {
        let covered: Set<String> = [
            "bad_expr.bad.yaml", "bad_field.bad.yaml", "duplicate_grp.bad.yaml", "invalid_label_name.bad.yaml",
            "invalid_record_name.bad.yaml", "no_rec_alert.bad.yaml", "noexpr.bad.yaml", "record_and_alert.bad.yaml",
            "record_and_for.bad.yaml", "record_and_keep_firing_for.bad.yaml", "legacy_validation_annotation.bad.yaml",
        ]
        let bad = RuleFixtures.files(in: RuleFixtures.rulefmt).filter { $0.hasSuffix(".bad.yaml") }
        #expect(Set(bad).subtracting(covered).isEmpty, "uncovered: \(Set(bad).subtracting(covered))")
    }

    @Test("an annotation name with a dash is only invalid under the legacy name scheme")
    func legacyAnnotationName() throws {
        #expect(
            errors("legacy_validation_annotation.bad.yaml", nameValidation: .legacy)
                == [#"group "yolo", rule 1, "hola": invalid annotation name: ins-tance"#])
        _ = try load("legacy_validation_annotation.bad.yaml")
        _ = try load("legacy_validation_annotation.good.yaml", nameValidation: .legacy)
        #expect(
            errors("utf-8_lname.good.yaml", nameValidation: .legacy)
                == [#"group "yolo", rule 1, "hola": invalid label name: ins-tance"#])
    }

    @Test("the description prefixes each message with the path")
    func descriptionHasPath() {
        let path = RuleFixtures.rulefmt + "/record_and_for.bad.yaml"
        #expect(throws: RuleFileErrors.self) {
            _ = try RuleFileLoader.load(path: path, validateTemplate: RuleFixtures.acceptTemplate)
        }
        do {
            _ = try RuleFileLoader.load(path: path, validateTemplate: RuleFixtures.acceptTemplate)
        } catch {
            #expect(error.path == path)
            #expect(
                error.description
                    == #"\#(path): 4:17: group "yolo", rule 1, "Hello": invalid field 'for' in recording rule"#)
        }
    }

    @Test("test.yaml: groups, rules, durations and annotations as written")
    func testFileModel() throws {
        let file = try load("test.yaml")
        #expect(file.groups.map(\.name) == ["my-group-name", "my-another-name"])
        let group = file.groups[0]
        #expect(group.interval == 30_000)
        #expect(group.limit == 0)
        #expect(group.queryOffset == nil)
        #expect(group.location == SourceLocation(line: 2, column: 5))
        #expect(group.rules.map(\.name) == ["HighErrors", "new_metric", "HighErrors"])
        guard case .alerting(let alert) = group.rules[0], case .recording(let record) = group.rules[1] else {
            Issue.record("unexpected rule kinds")
            return
        }
        #expect(alert.holdDuration == 300_000)
        #expect(alert.labels == ["severity": "critical"])
        #expect(alert.annotations.map(\.name) == ["description"])
        #expect(alert.annotations.map(\.template) == ["stuff's happening with {{ $.labels.service }}"])
        #expect(alert.expression.hasPrefix("sum without(instance) (rate(errors_total[5m]))\n/\n"))
        #expect(alert.location == SourceLocation(line: 5, column: 9))
        #expect(record.labels == ["abc": "edf", "uvw": "xyz"])
        #expect(record.location == SourceLocation(line: 17, column: 9))
        #expect(file.groups[1].rules.count == 3)
    }

    @Test("test_aliases.yaml: anchors, aliases and merge keys resolve as in Prometheus")
    func aliases() throws {
        let file = try load("test_aliases.yaml")
        let expression =
            "sum without(instance) (rate(errors_total[5m]))\n/\nsum without(instance) (rate(requests_total[5m]))\n"
        for group in file.groups {
            #expect(group.rules.map(\.name) == ["HighAlert", "new_metric", "HighAlert", "HighAlert2"])
            guard case .alerting(let first) = group.rules[0], case .alerting(let merged) = group.rules[3] else {
                Issue.record("unexpected rule kinds")
                continue
            }
            #expect(first.labels == ["severity": "critical"])
            #expect(first.annotations.map(\.template) == ["stuff's happening with {{ $.labels.service }}"])
            #expect(merged.labels == ["severity": "critical"])
            #expect(merged.holdDuration == 300_000)
            for rule in group.rules {
                switch rule {
                case .alerting(let alert): #expect(alert.expression == expression)
                case .recording(let record): #expect(record.expression == expression)
                }
            }
        }
        guard case .alerting(let second) = file.groups[1].rules[2] else { return }
        #expect(second.holdDuration == 0)
    }
}
