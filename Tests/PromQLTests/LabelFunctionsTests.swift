import Testing
import TimeSeries

@testable import PromQL

/// `label_replace` and `label_join` against `functions.test`, and Go's `Regexp.Expand` rules.
@Suite("label_replace and label_join")
struct LabelFunctionsTests {
    private let testmetric = [
        VectorSample(
            labels: ["__name__": "testmetric", "src": "source-value-10", "dst": "original-destination-value"],
            value: 0),
        VectorSample(
            labels: ["__name__": "testmetric", "src": "source-value-20", "dst": "original-destination-value"],
            value: 1),
    ]

    private func replace(
        _ destination: String, _ replacement: String, _ source: String, _ regex: String
    ) throws(QueryError) -> [String?] {
        try LabelFunctions.replace(
            testmetric, destination: destination, replacement: replacement, source: source, regex: regex
        ).map { $0.labels[destination] }
    }

    // MARK: - label_replace

    @Test("label_replace as in functions.test")
    func replaceCases() throws {
        #expect(
            try replace("dst", "destination-value-$1", "src", "source-value-(.*)")
                == ["destination-value-10", "destination-value-20"])
        // A partial match is no match.
        #expect(
            try replace("dst", "destination-value-$1", "src", "value-(.*)")
                == ["original-destination-value", "original-destination-value"])
        #expect(try replace("dst", "$1-value-$2", "src", "(.*)-value-(.*)") == ["source-value-10", "source-value-20"])
        // A missing source label is the empty string, which "source-value-(.*)" does not match...
        #expect(
            try replace("dst", "value-$1", "nonexistent-src", "source-value-(.*)")
                == ["original-destination-value", "original-destination-value"])
        // ...but "(.*)" does.
        #expect(try replace("dst", "value-$1", "nonexistent-src", "(.*)") == ["value-", "value-"])
        #expect(
            try replace("dst", "value-$1", "src", "non-matching-regex")
                == ["original-destination-value", "original-destination-value"])
        // An empty result removes the label.
        #expect(try replace("dst", "", "dst", ".*") == [nil, nil])
    }

    @Test("label_replace keeps everything else of the element")
    func replaceKeepsTheRest() throws {
        let output = try LabelFunctions.replace(
            testmetric, destination: "dst", replacement: "x", source: "src", regex: ".*-10")
        #expect(output[0].labels == Labels(["__name__": "testmetric", "src": "source-value-10", "dst": "x"]))
        #expect(output[1] == testmetric[1])
        #expect(output.map(\.value) == [0, 1])
    }

    @Test("label_replace errors in Prometheus's words")
    func replaceErrors() {
        #expect(throws: QueryError(.execution, "invalid regular expression in label_replace(): (.*")) {
            try replace("dst", "value-$1", "src", "(.*")
        }
        #expect(throws: QueryError(.execution, "invalid destination label name in label_replace(): ")) {
            try replace("", "value-$1", "src", "(.*)")
        }
        #expect(throws: QueryError(.execution, "invalid destination label name in label_replace(): \u{FFFD}")) {
            try replace("\u{FFFD}", "", "src", "(.*)")
        }
        // The regex is checked before the destination, and both before the (empty) input.
        #expect(throws: QueryError(.execution, "invalid regular expression in label_replace(): a(?=b)")) {
            try LabelFunctions.replace([], destination: "", replacement: "", source: "", regex: "a(?=b)")
        }
        #expect(throws: QueryError(.execution, "vector cannot contain metrics with the same labelset")) {
            try replace("src", "", "", "")
        }
    }

    @Test("label_replace of __name__ clears dropName; other destinations keep it")
    func replaceMetricName() throws {
        let input = [VectorSample(labels: ["__name__": "rate_input", "job": "a"], value: 1, dropName: true)]
        let renamed = try LabelFunctions.replace(
            input, destination: "__name__", replacement: "renamed_$1", source: "job", regex: "(.*)")
        #expect(renamed[0].labels == Labels(["__name__": "renamed_a", "job": "a"]))
        #expect(!renamed[0].dropName)
        // The name is still visible to the source lookup while its removal is pending.
        let copied = try LabelFunctions.replace(
            input, destination: "copy", replacement: "$1", source: "__name__", regex: "(.*)")
        #expect(copied[0].labels["copy"] == "rate_input")
        #expect(copied[0].dropName)
        let unmatched = try LabelFunctions.replace(
            input, destination: "__name__", replacement: "x", source: "job", regex: "b")
        #expect(unmatched[0].dropName)
    }

    @Test("a compiled replacer applies the same way at every step")
    func replacer() throws {
        let replacer = try LabelFunctions.Replacer(
            destination: "idx", replacement: "replaced", source: "idx", regex: ".*")
        let first = [VectorSample(labels: ["__name__": "series", "label": "a", "idx": "1"], value: 2)]
        let second = [VectorSample(labels: ["__name__": "series", "label": "a", "idx": "2"], value: 4)]
        #expect(try replacer.apply(first)[0].labels["idx"] == "replaced")
        #expect(try replacer.apply(second)[0].labels["idx"] == "replaced")
        #expect(throws: QueryError(.execution, "vector cannot contain metrics with the same labelset")) {
            try replacer.apply(first + second)
        }
    }

    // MARK: - Expansion

    @Test(
        "replacement templates expand like Go's Regexp.Expand",
        arguments: [
            ("$1", "b"), ("${1}", "b"), ("$1x", ""), ("${1}x", "bx"), ("$$1", "$1"), ("$", "$"), ("a$", "a$"),
            ("$ 1", "$ 1"), ("${1", "${1"), ("${}", "${}"), ("$0", "abc"), ("$00", ""), ("$01", ""), ("$10", ""),
            ("$9", ""), ("$name", "c"), ("${name}-", "c-"), ("$name_", ""), ("$missing", ""), ("x$2y", "x"),
            ("$2", ""), ("${2}y", "y"), ("$é", ""), ("€$1€", "€b€"),
        ] as [(String, String)])
    func expansion(template: String, expected: String) throws {
        // Group 1 matches "b", group 2 ("(x)?") does not take part, group 3 is named "name" and matches "c".
        let regex = try AnchoredRegex("a(b)(x)?(?P<name>c)")
        let captures = try #require(regex.wholeMatchCaptures("abc"))
        #expect(ReplacementTemplate(template).expand(captures) == expected)
    }

    @Test("templates parse into literal and reference parts")
    func templateParts() {
        #expect(ReplacementTemplate("a-$1-${x}").parts == [.literal("a-"), .number(1), .literal("-"), .name("x")])
        #expect(ReplacementTemplate("$$").parts == [.literal("$")])
        #expect(ReplacementTemplate("").parts.isEmpty)
        // Go stops counting once the number reaches 10^8 before another digit: nine digits are a number, ten a name.
        #expect(ReplacementTemplate("$1234567890").parts == [.name("1234567890")])
        #expect(ReplacementTemplate("$123456789").parts == [.number(123_456_789)])
    }

    @Test("the regex is fully anchored and . matches a newline")
    func anchoring() throws {
        let input = [VectorSample(labels: ["a": "line1\nline2"], value: 1)]
        let output = try LabelFunctions.replace(input, destination: "b", replacement: "$1", source: "a", regex: "(.*)")
        #expect(output[0].labels["b"] == "line1\nline2")
        let partial = try LabelFunctions.replace(input, destination: "b", replacement: "x", source: "a", regex: "line1")
        #expect(partial[0].labels["b"] == nil)
    }

    // MARK: - label_join

    private let joinInput = [
        VectorSample(
            labels: ["__name__": "testmetric", "src": "a", "src1": "b", "src2": "c", "dst": "original"],
            value: 0),
        VectorSample(
            labels: ["__name__": "testmetric", "src": "d", "src1": "e", "src2": "f", "dst": "original"],
            value: 1),
    ]

    @Test("label_join as in functions.test")
    func joinCases() throws {
        func join(_ separator: String, _ sources: [String], destination: String = "dst") throws -> [String?] {
            try LabelFunctions.join(joinInput, destination: destination, separator: separator, sources: sources)
                .map { $0.labels[destination] }
        }
        #expect(try join("-", ["src", "src1", "src2"]) == ["a-b-c", "d-e-f"])
        #expect(try join("-", ["src", "src3", "src1"]) == ["a--b", "d--e"])
        #expect(try join("", ["emptysrc", "emptysrc1", "emptysrc2"]) == [nil, nil])
        #expect(try join(", ", []) == [nil, nil])
        #expect(try join(", ", ["src", "src1", "src2"], destination: "new") == ["a, b, c", "d, e, f"])
    }

    @Test("label_join errors in Prometheus's words, sources checked first")
    func joinErrors() {
        let duplicates = [
            VectorSample(labels: ["__name__": "dup", "label": "a", "this": "a"], value: 1),
            VectorSample(labels: ["__name__": "dup", "label": "b", "this": "a"], value: 1),
        ]
        #expect(throws: QueryError(.execution, "vector cannot contain metrics with the same labelset")) {
            try LabelFunctions.join(duplicates, destination: "label", separator: "", sources: ["this"])
        }
        #expect(throws: QueryError(.execution, "invalid source label name in label_join(): ")) {
            try LabelFunctions.join([], destination: "", separator: "", sources: ["a", ""])
        }
        #expect(throws: QueryError(.execution, "invalid destination label name in label_join(): ")) {
            try LabelFunctions.join([], destination: "", separator: "", sources: ["a"])
        }
    }

    @Test("label_join onto __name__ clears dropName")
    func joinMetricName() throws {
        let input = [VectorSample(labels: ["__name__": "x", "a": "1", "b": "2"], value: 1, dropName: true)]
        let named = try LabelFunctions.join(input, destination: "__name__", separator: "_", sources: ["a", "b"])
        #expect(named[0].labels.metricName == "1_2")
        #expect(!named[0].dropName)
        let other = try LabelFunctions.join(input, destination: "c", separator: "_", sources: ["a", "b"])
        #expect(other[0].dropName)
    }

    @Test("label names: non-empty, and no replacement character standing for invalid UTF-8")
    func labelNames() {
        #expect(LabelFunctions.isValidLabelName("dst"))
        #expect(LabelFunctions.isValidLabelName("__name__"))
        #expect(LabelFunctions.isValidLabelName("with space and ü"))
        #expect(!LabelFunctions.isValidLabelName(""))
        #expect(!LabelFunctions.isValidLabelName("a\u{FFFD}z"))
    }
}
