import TestSupport
import Testing
import TimeSeries

struct LabelsTests {
    // MARK: - Construction

    @Test func sortsLabelsByName() {
        let labels = Labels([
            Label(name: "zone", value: "z"), Label(name: "__name__", value: "up"), Label(name: "job", value: "api"),
            Label(name: "Env", value: "prod"), Label(name: "instance", value: "a:1"),
        ])
        #expect(labels.labels.map(\.name) == ["Env", "__name__", "instance", "job", "zone"])
        #expect(labels.labels.map(\.value) == ["prod", "up", "a:1", "api", "z"])
    }

    @Test func keepsAlreadySortedInputUnchanged() {
        let input = [Label(name: "a", value: "1"), Label(name: "b", value: "2"), Label(name: "c", value: "3")]
        #expect(Labels(input).labels == input)
    }

    @Test func dropsLabelsWithEmptyValue() {
        let labels = Labels([
            Label(name: "b", value: ""), Label(name: "a", value: "1"), Label(name: "c", value: ""),
        ])
        #expect(labels.labels == [Label(name: "a", value: "1")])
        #expect(labels["b"] == nil)
        #expect(!labels.contains(name: "c"))
        #expect(labels == Labels(["a": "1"]))
        #expect(Labels([Label(name: "a", value: "")]) == Labels.empty)
        #expect(Labels([Label(name: "a", value: "")]).isEmpty)
    }

    @Test func repeatedNameKeepsLastValue() {
        let unsorted = Labels([
            Label(name: "b", value: "2"), Label(name: "a", value: "1"), Label(name: "a", value: "3"),
            Label(name: "b", value: "4"), Label(name: "a", value: "5"),
        ])
        #expect(unsorted.labels == [Label(name: "a", value: "5"), Label(name: "b", value: "4")])

        // Input that is sorted apart from the repeat must still be deduplicated.
        let adjacent = Labels([Label(name: "a", value: "1"), Label(name: "a", value: "2")])
        #expect(adjacent.labels == [Label(name: "a", value: "2")])

        // Later values override earlier ones even when the later value sorts lower.
        let lowerLater = Labels([Label(name: "a", value: "z"), Label(name: "a", value: "b")])
        #expect(lowerLater["a"] == "b")
    }

    @Test func repeatedNameWithEmptyLastValueRemovesTheLabel() {
        let labels = Labels([Label(name: "a", value: "1"), Label(name: "b", value: "2"), Label(name: "a", value: "")])
        #expect(labels.labels == [Label(name: "b", value: "2")])
    }

    @Test func dictionaryAndLiteralInitializersAgreeWithArrayInitializer() {
        let array = Labels([Label(name: "job", value: "api"), Label(name: "__name__", value: "up")])
        let dictionary = Labels(["__name__": "up", "job": "api", "empty": ""])
        let literal: Labels = ["job": "api", "__name__": "up"]
        #expect(array == dictionary)
        #expect(array == literal)
        #expect(array.labels == literal.labels)
    }

    @Test func sortedUniqueInitializerEqualsGeneralInitializer() {
        let sorted = [Label(name: "__name__", value: "up"), Label(name: "job", value: "api")]
        let fast = Labels(sortedUnique: sorted)
        let general = Labels(sorted.reversed())
        #expect(fast == general)
        #expect(fast.hashValue == general.hashValue)
    }

    // MARK: - Lookup

    @Test func lookupByName() {
        let labels: Labels = ["__name__": "up", "job": "api"]
        #expect(labels["job"] == "api")
        #expect(labels["missing"] == nil)
        #expect(labels.value(of: "job") == "api")
        #expect(labels.value(of: "missing") == "")
        #expect(labels.contains(name: "__name__"))
        #expect(!labels.contains(name: "missing"))
        #expect(labels.metricName == "up")
        #expect(Labels(["job": "api"]).metricName == nil)
        #expect(labels.count == 2)
        #expect(labels[0] == Label(name: "__name__", value: "up"))
    }

    // MARK: - Equality and hashing

    @Test func equalityIgnoresInputOrderAndHashesAgree() {
        let left = Labels([Label(name: "a", value: "1"), Label(name: "b", value: "2"), Label(name: "c", value: "3")])
        let right = Labels([Label(name: "c", value: "3"), Label(name: "a", value: "1"), Label(name: "b", value: "2")])
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(Set([left, right]).count == 1)
    }

    @Test(arguments: [
        (Labels(["a": "1"]), Labels(["a": "2"])),
        (Labels(["a": "1"]), Labels(["b": "1"])),
        (Labels(["a": "1"]), Labels(["a": "1", "b": "1"])),
        (Labels(["a": "1"]), Labels.empty),
        (Labels(["a": "1b"]), Labels(["a": "1", "b": ""])),
        (Labels(["ab": "c"]), Labels(["a": "bc"])),
    ])
    func differentLabelSetsAreUnequal(left: Labels, right: Labels) {
        #expect(left != right)
        #expect(right != left)
        #expect(Set([left, right]).count == 2)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func equalityAndHashAreConsistentForRandomSets(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let names = ["__name__", "a", "b", "job", "instance"]
        let values = ["", "1", "2", "x", "é"]
        var seen: [Labels: [Label]] = [:]
        for _ in 0..<300 {
            var input: [Label] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                input.append(Label(name: names.randomElement(using: &rng)!, value: values.randomElement(using: &rng)!))
            }
            let labels = Labels(input)
            // The model: the last value of each name, empty values dropped.
            var model: [String: String] = [:]
            for label in input { model[label.name] = label.value }
            let expected = model.filter { !$0.value.isEmpty }.map { Label(name: $0.key, value: $0.value) }
                .sorted { $0.name < $1.name }
            #expect(labels.labels == expected, "seed \(seed), input \(input)")
            // A shuffled copy of the normalized labels is the same set with the same hash.
            let shuffled = Labels(labels.labels.shuffled(using: &rng))
            #expect(shuffled == labels, "seed \(seed)")
            #expect(shuffled.hashValue == labels.hashValue, "seed \(seed)")
            if let previous = seen[labels] {
                #expect(previous == labels.labels, "seed \(seed): equal sets with different labels")
            }
            seen[labels] = labels.labels
        }
        // Dictionary lookups only succeed when equality and hashing agree.
        for (labels, stored) in seen {
            #expect(seen[Labels(stored.reversed())] == labels.labels, "seed \(seed)")
        }
    }

    // MARK: - Description

    @Test(arguments: [
        (Labels(["__name__": "up", "a": "1", "b": #"x"y"#]), #"up{a="1", b="x\"y"}"#),
        (Labels(["a": "1"]), #"{a="1"}"#),
        (Labels(["__name__": "up"]), "up"),
        (Labels.empty, "{}"),
        (Labels(["job": "api", "__name__": "http_requests_total"]), #"http_requests_total{job="api"}"#),
        (Labels(["a": #"back\slash"#, "b": "line\nbreak"]), #"{a="back\\slash", b="line\nbreak"}"#),
        (Labels(["a": "é 日本", "b": "tab\there"]), "{a=\"é 日本\", b=\"tab\there\"}"),
    ])
    func descriptionUsesPrometheusTextForm(labels: Labels, expected: String) {
        #expect(labels.description == expected)
    }

    // MARK: - Order

    @Test(arguments: [
        (Labels(["a": "1"]), Labels(["a": "2"])),
        (Labels(["a": "2"]), Labels(["b": "1"])),
        (Labels(["a": "1"]), Labels(["a": "1", "b": "1"])),
        (Labels(["a": "2"]), Labels(["a": "3", "b": "1"])),
        (Labels(["a": "10", "b": "1"]), Labels(["a": "2"])),
        (Labels(["a": "1", "b": "9"]), Labels(["a": "1", "c": "1"])),
        (Labels(["a": "10"]), Labels(["a": "9"])),
        (Labels(["B": "x"]), Labels(["a": "x"])),
        (Labels(["__name__": "zzz"]), Labels(["a": "a"])),
        (Labels.empty, Labels(["a": "1"])),
        (Labels(["a": "1", "b": "2", "c": "3"]), Labels(["a": "1", "b": "3"])),
    ])
    func comparesLikePrometheusLabelsCompare(smaller: Labels, larger: Labels) {
        #expect(smaller < larger)
        #expect(!(larger < smaller))
        #expect(LabelsTests.prometheusCompare(smaller, larger) < 0)
    }

    @Test func orderIsIrreflexive() {
        let labels: Labels = ["__name__": "up", "job": "api"]
        #expect(!(labels < labels))
        #expect(!(labels < Labels(labels.labels.reversed())))
        #expect(!(Labels.empty < Labels.empty))
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func orderAgreesWithByteWiseReferenceOnRandomSets(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let names = ["__name__", "a", "b", "B", "_x", "job", "jo"]
        let values = ["", "1", "10", "9", "a", "B", "é", "日本", "x y", "a:1"]
        var sets: [Labels] = []
        for _ in 0..<120 {
            var input: [Label] = []
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                input.append(Label(name: names.randomElement(using: &rng)!, value: values.randomElement(using: &rng)!))
            }
            sets.append(Labels(input))
        }
        for left in sets {
            for right in sets {
                let reference = LabelsTests.prometheusCompare(left, right)
                #expect((left < right) == (reference < 0), "seed \(seed): \(left) vs \(right)")
                #expect((left == right) == (reference == 0), "seed \(seed): \(left) vs \(right)")
            }
        }
        let sorted = sets.sorted()
        for (left, right) in zip(sorted, sorted.dropFirst()) {
            #expect(LabelsTests.prometheusCompare(left, right) <= 0, "seed \(seed)")
        }
    }

    /// Prometheus's `labels.Compare`, comparing strings byte by byte as Go does.
    static func prometheusCompare(_ left: Labels, _ right: Labels) -> Int {
        func compare(_ lhs: String, _ rhs: String) -> Int {
            let lhsBytes = Array(lhs.utf8)
            let rhsBytes = Array(rhs.utf8)
            if lhsBytes == rhsBytes { return 0 }
            return lhsBytes.lexicographicallyPrecedes(rhsBytes) ? -1 : 1
        }
        for (lhs, rhs) in zip(left.labels, right.labels) {
            let byName = compare(lhs.name, rhs.name)
            if byName != 0 { return byName }
            let byValue = compare(lhs.value, rhs.value)
            if byValue != 0 { return byValue }
        }
        return left.count - right.count
    }

    // MARK: - Derived sets

    @Test func settingInsertsInOrderReplacesAndRemoves() {
        let labels: Labels = ["__name__": "up", "job": "api"]

        let inserted = labels.setting("instance", to: "a:1")
        #expect(inserted.labels.map(\.name) == ["__name__", "instance", "job"])
        #expect(inserted == Labels(["__name__": "up", "job": "api", "instance": "a:1"]))

        let first = labels.setting("Aa", to: "x")
        #expect(first.labels.map(\.name) == ["Aa", "__name__", "job"])
        #expect(first == Labels(["Aa": "x", "__name__": "up", "job": "api"]))

        let last = labels.setting("zone", to: "z")
        #expect(last.labels.map(\.name) == ["__name__", "job", "zone"])

        let replaced = labels.setting("job", to: "web")
        #expect(replaced.labels == [Label(name: "__name__", value: "up"), Label(name: "job", value: "web")])
        #expect(replaced == Labels(["__name__": "up", "job": "web"]))

        let removed = labels.setting("job", to: "")
        #expect(removed == Labels(["__name__": "up"]))
        #expect(labels.setting("missing", to: "") == labels)

        let renamed = labels.setting(Labels.metricNameLabel, to: "down")
        #expect(renamed.metricName == "down")
        #expect(renamed == Labels(["__name__": "down", "job": "api"]))

        // The original is unchanged.
        #expect(labels == Labels(["__name__": "up", "job": "api"]))
        #expect(Labels.empty.setting("a", to: "1") == Labels(["a": "1"]))
    }

    @Test func removingDropsOnlyTheNamedLabels() {
        let labels: Labels = ["__name__": "up", "job": "api", "instance": "a:1"]
        #expect(labels.removing(["job"]) == Labels(["__name__": "up", "instance": "a:1"]))
        #expect(labels.removing(["job", "instance", "missing"]) == Labels(["__name__": "up"]))
        #expect(labels.removing([]) == labels)
        #expect(labels.removing(["__name__", "job", "instance"]) == Labels.empty)
    }

    @Test func keepingRetainsOnlyTheNamedLabels() {
        let labels: Labels = ["__name__": "up", "job": "api", "instance": "a:1"]
        #expect(labels.keeping(["job"]) == Labels(["job": "api"]))
        #expect(labels.keeping(["job", "__name__", "missing"]) == Labels(["__name__": "up", "job": "api"]))
        #expect(labels.keeping([]) == Labels.empty)
        #expect(labels.keeping(["missing"]).isEmpty)
    }

    @Test func removingMetricNameDropsOnlyTheName() {
        let labels: Labels = ["__name__": "up", "job": "api"]
        #expect(labels.removingMetricName() == Labels(["job": "api"]))
        #expect(labels.removingMetricName().metricName == nil)
        let unnamed: Labels = ["job": "api"]
        #expect(unnamed.removingMetricName() == unnamed)
        #expect(Labels(["__name__": "up"]).removingMetricName() == Labels.empty)
    }
}
