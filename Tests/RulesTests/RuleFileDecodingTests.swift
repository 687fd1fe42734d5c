import Testing

@testable import Rules

/// YAML decoding as yaml.v3 does it in rulefmt: decode errors stop the load and are reported by both of rulefmt's
/// decodes; strict keys, merges, multi-document files, Go's scalar rules.
@Suite("Rule file decoding")
struct RuleFileDecodingTests {
    private func errors(_ yaml: String, ignoreUnknownFields: Bool = false) -> [String] {
        do {
            _ = try RuleFileLoader.parse(
                yaml, path: "r.yml", ignoreUnknownFields: ignoreUnknownFields,
                validateTemplate: RuleFixtures.validateTemplate)
            return []
        } catch {
            return error.messages
        }
    }

    private func load(_ yaml: String) throws(RuleFileErrors) -> RuleFile {
        try RuleFileLoader.parse(yaml, path: "r.yml", validateTemplate: RuleFixtures.validateTemplate)
    }

    private static func rule(_ body: String) -> String {
        "groups:\n  - name: g\n    rules:\n      - " + body.split(separator: "\n").joined(separator: "\n        ")
            + "\n"
    }

    @Test(
        "a bad duration stops both decodes, each reporting it",
        arguments: [
            ("for: 5x", #"unknown unit "x" in duration "5x""#),
            ("for: 1.5h", #"unknown unit "." in duration "1.5h""#),
            ("for: -5m", #"not a valid duration string: "-5m""#),
            ("for: 1m1h", #"not a valid duration string: "1m1h""#),
            ("for: 300", #"not a valid duration string: "300""#),
            ("keep_firing_for: ''", "empty duration string"),
            ("for: 300y", "duration out of range"),
        ])
    func badDurations(line: String, message: String) {
        let yaml = Self.rule("alert: A\nexpr: up\nlabels: {x: '{{ $nope }}'}\n" + line)
        #expect(errors(yaml) == [message, message])
    }

    @Test("a null duration is absent; a quoted one parses")
    func nullDuration() throws {
        let file = try load(Self.rule("alert: A\nexpr: up\nfor: ~\nkeep_firing_for: '90m'"))
        guard case .alerting(let alert) = file.groups[0].rules[0] else { throw RuleFileErrors(path: "", messages: []) }
        #expect(alert.holdDuration == 0)
        #expect(alert.keepFiringFor == 5_400_000)
    }

    @Test("unknown fields are errors of the value decode only, with their lines")
    func unknownFields() throws {
        let yaml = """
            groups:
              - name: g
                namespace: x
                rules:
                  - alert: A
                    expr: up
                    annotation: {}
            extra: 1
            """
        #expect(
            errors(yaml) == [
                """
                yaml: unmarshal errors:
                  line 3: field namespace not found in type rulefmt.RuleGroup
                  line 7: field annotation not found in type rulefmt.Rule
                  line 8: field extra not found in type rulefmt.RuleGroups
                """
            ])
        #expect(errors(yaml, ignoreUnknownFields: true).isEmpty)
    }

    @Test("wrong types are collected per decode; the node decode does not type record, alert and expr")
    func wrongTypes() {
        let yaml = """
            groups:
              - name: g
                limit: abc
                rules:
                  - alert: [A]
                    expr: {a: 1}
                    labels: x
                    annotations:
                      a: [1]
                  - 5
                  - ~
            """
        #expect(
            errors(yaml) == [
                """
                yaml: unmarshal errors:
                  line 3: cannot unmarshal !!str `abc` into int
                  line 5: cannot unmarshal !!seq into string
                  line 6: cannot unmarshal !!map into string
                  line 7: cannot unmarshal !!str `x` into map[string]string
                  line 9: cannot unmarshal !!seq into string
                  line 10: cannot unmarshal !!int `5` into rulefmt.Rule
                """,
                """
                yaml: unmarshal errors:
                  line 3: cannot unmarshal !!str `abc` into int
                  line 7: cannot unmarshal !!str `x` into map[string]string
                  line 9: cannot unmarshal !!seq into string
                  line 10: cannot unmarshal !!int `5` into rulefmt.RuleNode
                """,
            ])
    }

    @Test(
        "type errors name the YAML tag and shorten long values",
        arguments: [
            ("hello", "line 1: cannot unmarshal !!str `hello` into rulefmt.RuleGroups"),
            ("groups: 2020-01-02", "line 1: cannot unmarshal !!timestamp `2020-01-02` into []rulefmt.RuleGroup"),
            ("groups: [true]", "line 1: cannot unmarshal !!bool `true` into rulefmt.RuleGroup"),
            ("groups: [{name: g, limit: 0x1p3}]", "line 1: cannot unmarshal !!str `0x1p3` into int"),
            (
                "groups: [{name: g, limit: 12345678901234567890}]",
                "line 1: cannot unmarshal !!int `1234567...` into int"
            ),
            ("groups: [{name: g, limit: .nan}]", "line 1: cannot unmarshal !!float `.nan` into int"),
            (
                "groups: [{name: g, limit: 'a long quoted value'}]",
                "line 1: cannot unmarshal !!str `a long ...` into int"
            ),
        ])
    func typeErrorWording(yaml: String, line: String) {
        #expect(errors(yaml).first == "yaml: unmarshal errors:\n  " + line)
    }

    @Test(
        "limit takes Go's integer forms and truncates floats",
        arguments: [
            ("5", 5), ("0x10", 16), ("0o10", 8), ("010", 8), ("1_000", 1000), ("1.9", 1), ("1e3", 1000), ("-2", -2),
            ("~", 0), ("08", 8),
        ])
    func limits(text: String, value: Int) throws {
        let file = try load("groups:\n  - name: g\n    limit: \(text)\n")
        #expect(file.groups[0].limit == value)
    }

    @Test("YAML syntax errors are reported by both decodes with yaml.v3's line")
    func syntaxErrors() {
        let yaml = "groups:\n  - name: a\n    rules:\n    - alert: A\n      expr: up\n     for: 5m\n"
        #expect(errors(yaml) == ["yaml: line 1: did not find expected key", "yaml: line 1: did not find expected key"])
        let tab = "groups:\n\t- name: a\n"
        let scanner = "yaml: line 2: found character that cannot start any token"
        #expect(errors(tab) == [scanner, scanner])
        let unknownAlias = Self.rule("alert: A\nexpr: *nope")
        let alias = "yaml: unknown anchor 'nope' referenced"
        #expect(errors(unknownAlias) == [alias, alias])
    }

    @Test("a repeated key is a type error of both decodes")
    func repeatedKey() {
        let yaml = Self.rule("alert: A\nexpr: up\nexpr: down")
        let message = "yaml: unmarshal errors:\n  line 6: mapping key \"expr\" already defined at line 5"
        #expect(errors(yaml) == [message, message])
    }

    @Test("invalid UTF-8 is a reader error")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("groups:\n  - name: ".utf8) + [0xFF] + Array("\n".utf8)
        do {
            _ = try RuleFileLoader.parse(bytes: bytes, path: "", validateTemplate: RuleFixtures.acceptTemplate)
            Issue.record("expected an error")
        } catch {
            #expect(error.messages == ["yaml: invalid leading UTF-8 octet", "yaml: invalid leading UTF-8 octet"])
            #expect(error.description == "yaml: invalid leading UTF-8 octet\nyaml: invalid leading UTF-8 octet")
        }
        #expect(UTF8Problem.first(in: [0xC3]) == "incomplete UTF-8 octet sequence")
        #expect(UTF8Problem.first(in: [0xC3, 0x41]) == "invalid trailing UTF-8 octet")
        #expect(UTF8Problem.first(in: [0xC0, 0x80]) == "invalid length of a UTF-8 sequence")
        #expect(UTF8Problem.first(in: [0xED, 0xA0, 0x80]) == "invalid Unicode character")
        #expect(UTF8Problem.first(in: Array("ok é ✓ 𝄞".utf8)) == nil)
    }

    @Test("only the first document is used; later ones are not even parsed")
    func multiDocument() throws {
        let yaml = Self.rule("record: a\nexpr: up") + "---\ngroups:\n  - name: b\n    rules: [[[\n"
        let file = try load(yaml)
        #expect(file.groups.map(\.name) == ["g"])
    }

    @Test("empty files and comment-only files have no groups")
    func emptyFiles() throws {
        #expect(try load("").groups.isEmpty)
        #expect(try load("# nothing\n").groups.isEmpty)
        #expect(try load("groups:\n").groups.isEmpty)
    }

    @Test("merge keys: explicit keys win, then merged mappings in order; unknown merged keys are errors")
    func mergeKeys() throws {
        let yaml = """
            base: &base
              alert: A
              expr: up
              labels: {severity: page}
              bogus: 1
            other: &other
              for: 5m
              alert: Other
            groups:
              - name: g
                rules:
                  - <<: [*base, *other]
                    alert: B
            """
        #expect(
            errors(yaml)
                == [
                    "yaml: unmarshal errors:\n  line 1: field base not found in type rulefmt.RuleGroups\n"
                        + "  line 6: field other not found in type rulefmt.RuleGroups\n"
                        + "  line 5: field bogus not found in type rulefmt.Rule"
                ])
        let file = try RuleFileLoader.parse(
            yaml, path: "", ignoreUnknownFields: true, validateTemplate: RuleFixtures.acceptTemplate)
        guard case .alerting(let alert) = file.groups[0].rules[0] else {
            Issue.record("expected an alerting rule")
            return
        }
        #expect(alert.name == "B")
        #expect(alert.holdDuration == 300_000)
        #expect(alert.labels == ["severity": "page"])
        #expect(alert.location == SourceLocation(line: 12, column: 9))
    }

    @Test("merging a scalar stops the decode")
    func badMerge() {
        let message = "yaml: map merge requires map or sequence of maps as the value"
        #expect(errors(Self.rule("<<: 5\nalert: A\nexpr: up")) == [message, message])
        #expect(errors(Self.rule("alert: A\nexpr: up\nlabels: {<<: [1]}")) == [message, message])
    }

    @Test("labels: null values are empty, merged labels fill in, keys keep file order")
    func labelMaps() throws {
        let yaml = Self.rule("alert: A\nexpr: up\nlabels: {<<: {b: 2, z: 9}, z: 1, n: ~}\nannotations:\n  z: 1\n  a: 2")
        let file = try load(yaml)
        guard case .alerting(let alert) = file.groups[0].rules[0] else {
            Issue.record("expected an alerting rule")
            return
        }
        #expect(alert.labels == ["z": "1", "n": "", "b": "2"])
        #expect(alert.annotations.map(\.name) == ["z", "a"])
    }
}
