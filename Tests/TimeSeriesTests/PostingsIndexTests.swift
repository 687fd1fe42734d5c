import TestSupport
import Testing
import TimeSeries

struct PostingsIndexTests {
    typealias ID = PostingsIndex.ID

    /// Ten hand-made series; id `i` has `fixture[i]`.
    static let fixture: [Labels] = [
        ["__name__": "up", "job": "api", "instance": "a:1"],
        ["__name__": "up", "job": "api", "instance": "a:2"],
        ["__name__": "up", "job": "web", "instance": "w:1", "env": "prod"],
        ["__name__": "up", "job": "web", "instance": "w:2", "env": "dev"],
        ["__name__": "http_requests_total", "job": "api", "instance": "a:1", "code": "200"],
        ["__name__": "http_requests_total", "job": "api", "instance": "a:1", "code": "500"],
        ["__name__": "http_requests_total", "job": "web", "instance": "w:1", "code": "200", "env": "prod"],
        ["__name__": "node_cpu", "instance": "n:1", "mode": "idle"],
        ["__name__": "node_cpu", "instance": "n:1", "mode": "user"],
        ["__name__": "node_cpu", "instance": "n:2", "mode": "idle", "env": ""],
    ]

    /// An index over the fixture, with ids added out of order to exercise sorted insertion.
    static func makeIndex() -> PostingsIndex {
        var index = PostingsIndex()
        for id in [5, 0, 9, 3, 1, 8, 2, 7, 4, 6] as [ID] {
            index.add(id, fixture[Int(id)])
        }
        return index
    }

    /// A selection and the ids it must return.
    struct SelectCase: Sendable, CustomTestStringConvertible {
        let matchers: [(MatchType, String, String)]
        let expected: [ID]

        init(_ matchers: [(MatchType, String, String)], _ expected: [ID]) {
            self.matchers = matchers
            self.expected = expected
        }

        var testDescription: String {
            "{" + matchers.map { "\($0.1)\($0.0.rawValue)\($0.2.debugDescription)" }.joined(separator: ", ") + "}"
        }
    }

    static let selectCases: [SelectCase] = [
        // Positive equality.
        SelectCase([(.equal, "job", "api")], [0, 1, 4, 5]),
        SelectCase([(.equal, "__name__", "up")], [0, 1, 2, 3]),
        SelectCase([(.equal, "instance", "n:2")], [9]),
        // Regular expressions.
        SelectCase([(.regexMatch, "job", "api|web")], [0, 1, 2, 3, 4, 5, 6]),
        SelectCase([(.regexMatch, "job", "w.*")], [2, 3, 6]),
        SelectCase([(.regexMatch, "code", "2..")], [4, 6]),
        SelectCase([(.regexMatch, "instance", "(?i)A:1")], [0, 4, 5]),
        SelectCase([(.regexMatch, "instance", ".*:1")], [0, 2, 4, 5, 6, 7, 8]),
        SelectCase([(.regexMatch, "job", "api|api")], [0, 1, 4, 5]),
        SelectCase([(.regexMatch, "job", "api|nope")], [0, 1, 4, 5]),
        // Negative matchers keep series that lack the label.
        SelectCase([(.notEqual, "job", "api")], [2, 3, 6, 7, 8, 9]),
        SelectCase([(.regexNoMatch, "job", "api|web")], [7, 8, 9]),
        SelectCase([(.regexNoMatch, "code", "2..")], [0, 1, 2, 3, 5, 7, 8, 9]),
        // `l=""` selects series without `l`, `l!=""` those with it.
        SelectCase([(.equal, "env", "")], [0, 1, 4, 5, 7, 8, 9]),
        SelectCase([(.notEqual, "env", "")], [2, 3, 6]),
        SelectCase([(.regexMatch, "env", ".+")], [2, 3, 6]),
        SelectCase([(.regexMatch, "env", ".*")], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        SelectCase([(.regexMatch, "env", "prod|")], [0, 1, 2, 4, 5, 6, 7, 8, 9]),
        SelectCase([(.regexNoMatch, "env", "")], [2, 3, 6]),
        // Several matchers intersect.
        SelectCase([(.equal, "__name__", "up"), (.equal, "job", "web")], [2, 3]),
        SelectCase([(.equal, "__name__", "up"), (.notEqual, "env", "prod")], [0, 1, 3]),
        SelectCase([(.equal, "__name__", "up"), (.equal, "env", "")], [0, 1]),
        SelectCase(
            [
                (.regexMatch, "__name__", "up|node_cpu"), (.regexMatch, "instance", "n:.*|a:1"),
                (.notEqual, "mode", "user"),
            ],
            [0, 7, 9]),
        SelectCase(
            [(.regexMatch, "job", ".+"), (.regexNoMatch, "instance", "a:.*"), (.equal, "env", "prod")], [2, 6]),
        SelectCase([(.equal, "job", "api"), (.equal, "job", "api")], [0, 1, 4, 5]),
        // Empty results.
        SelectCase([(.equal, "job", "nope")], []),
        SelectCase([(.equal, "job", "api"), (.equal, "job", "web")], []),
        SelectCase([(.equal, "__name__", "node_cpu"), (.equal, "job", "api")], []),
        SelectCase([(.regexMatch, "job", "a")], []),
        SelectCase([(.equal, "job", "api"), (.regexNoMatch, "job", "a.*")], []),
        // Label names no series has.
        SelectCase([(.equal, "unknown", "x")], []),
        SelectCase([(.regexMatch, "unknown", ".+")], []),
        SelectCase([(.regexNoMatch, "unknown", ".*")], []),
        SelectCase([(.equal, "unknown", "")], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        SelectCase([(.notEqual, "unknown", "x")], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        SelectCase([(.regexNoMatch, "unknown", "x")], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        SelectCase([(.equal, "job", "web"), (.equal, "unknown", "")], [2, 3, 6]),
        // No matchers select everything.
        SelectCase([], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ]

    @Test(arguments: selectCases)
    func selectResolvesMatchers(_ testCase: SelectCase) throws {
        let index = PostingsIndexTests.makeIndex()
        let matchers = try testCase.matchers.map { try Matcher($0.0, $0.1, $0.2) }
        #expect(index.select(matchers) == testCase.expected)
        #expect(index.select(matchers) == PostingsIndexTests.bruteForce(matchers, ids: index.allIDs))
    }

    static func bruteForce(_ matchers: [Matcher], ids: [ID], labels: (ID) -> Labels = { fixture[Int($0)] }) -> [ID] {
        ids.filter { id in matchers.allSatisfy { $0.matches(labels(id)) } }
    }

    @Test func indexesEveryAddedSeries() {
        let index = PostingsIndexTests.makeIndex()
        #expect(index.count == 10)
        #expect(index.allIDs == Array(0..<10))
    }

    @Test func addingTheSameIDTwiceIndexesItOnce() throws {
        var index = PostingsIndex()
        index.add(3, ["__name__": "up", "job": "api"])
        index.add(1, ["__name__": "up", "job": "api"])
        index.add(3, ["__name__": "up", "job": "api"])
        #expect(index.count == 2)
        #expect(index.allIDs == [1, 3])
        #expect(index.select([try Matcher(.equal, "job", "api")]) == [1, 3])
    }

    @Test func labelNamesAndValues() {
        let index = PostingsIndexTests.makeIndex()
        #expect(index.labelNames() == ["__name__", "code", "env", "instance", "job", "mode"])
        #expect(index.labelValues("job") == ["api", "web"])
        #expect(index.labelValues("env") == ["dev", "prod"])
        #expect(index.labelValues("__name__") == ["http_requests_total", "node_cpu", "up"])
        #expect(index.labelValues("missing") == [])
        #expect(PostingsIndex().labelNames() == [])
    }

    @Test func removeDropsSeriesFromSelectionsAndListings() throws {
        var index = PostingsIndexTests.makeIndex()
        let labels: (ID) -> Labels = { PostingsIndexTests.fixture[Int($0)] }
        index.remove([1, 4], labels: labels)
        #expect(index.count == 8)
        #expect(index.allIDs == [0, 2, 3, 5, 6, 7, 8, 9])
        #expect(index.select([try Matcher(.equal, "job", "api")]) == [0, 5])
        #expect(index.select([try Matcher(.equal, "instance", "a:2")]) == [])
        #expect(index.select([try Matcher(.notEqual, "job", "web")]) == [0, 5, 7, 8, 9])
        #expect(index.labelValues("instance") == ["a:1", "n:1", "n:2", "w:1", "w:2"])
        #expect(index.labelValues("code") == ["200", "500"])

        // Removing the last series with a value or a name drops it from the listings.
        index.remove([5], labels: labels)
        #expect(index.labelValues("code") == ["200"])
        index.remove([7, 8, 9], labels: labels)
        #expect(index.labelNames() == ["__name__", "code", "env", "instance", "job"])
        #expect(index.labelValues("mode") == [])
        #expect(index.select([try Matcher(.regexMatch, "mode", ".+")]) == [])
        #expect(index.select([try Matcher(.equal, "mode", "")]) == [0, 2, 3, 6])

        // Removing nothing, or ids that are not indexed, changes nothing.
        index.remove([], labels: labels)
        index.remove([1], labels: labels)
        #expect(index.allIDs == [0, 2, 3, 6])

        // A removed id can be added again.
        index.add(4, labels(4))
        #expect(index.select([try Matcher(.equal, "job", "api")]) == [0, 4])
        #expect(index.labelValues("code") == ["200"])
    }

    @Test(arguments: [101, 102, 103, 104, 105, 106, 107, 108] as [UInt64])
    func selectAgreesWithBruteForceOnRandomData(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let names = ["__name__", "a", "b", "c", "d"]
        let values = ["", "x", "y", "xy", "yx", "z1", "z22", "X"]
        let patterns = [
            ".*", ".+", "x|y", "x.*", ".*y", ".*x.*", "x", "", "|x", "[xy]+", "x|x", "(x|y)", "z\\d+", "(?:x|yx)",
            "y.", "(?i)x", "xy|yx|z1", "nope", "z.*|X",
        ]
        var index = PostingsIndex()
        var labels: [ID: Labels] = [:]
        // Sparse ids, added in random order.
        var ids = Array(Set((0..<150).map { _ in ID.random(in: 0..<1_000, using: &rng) }))
        ids.shuffle(using: &rng)
        for id in ids {
            var input: [Label] = [Label(name: "__name__", value: ["m1", "m2", "m3"].randomElement(using: &rng)!)]
            for name in names.dropFirst() where Bool.random(using: &rng) {
                input.append(Label(name: name, value: values.randomElement(using: &rng)!))
            }
            labels[id] = Labels(input)
            index.add(id, labels[id]!)
        }
        #expect(index.allIDs == ids.sorted(), "seed \(seed)")

        func randomMatcher() throws -> Matcher {
            let name = (names + ["unknown"]).randomElement(using: &rng)!
            let type = MatchType.allCases.randomElement(using: &rng)!
            switch type {
            case .equal, .notEqual:
                let choices = name == "__name__" ? ["m1", "m2", "", "m9"] : values
                return try Matcher(type, name, choices.randomElement(using: &rng)!)
            case .regexMatch, .regexNoMatch:
                return try Matcher(type, name, patterns.randomElement(using: &rng)!)
            }
        }

        func check(_ round: Int) throws {
            for _ in 0..<200 {
                let matchers = try (0..<Int.random(in: 1...3, using: &rng)).map { _ in try randomMatcher() }
                let expected = index.allIDs.filter { id in matchers.allSatisfy { $0.matches(labels[id]!) } }
                let actual = index.select(matchers)
                #expect(actual == expected, "seed \(seed), round \(round), matchers \(matchers)")
            }
        }
        try check(0)

        // Remove a random half and check again.
        let removed = Array(ids.shuffled(using: &rng).prefix(ids.count / 2))
        index.remove(removed, labels: { labels[$0]! })
        for id in removed { labels[id] = nil }
        #expect(index.allIDs == labels.keys.sorted(), "seed \(seed)")
        try check(1)

        // The listings agree with the remaining label sets.
        let remaining = Array(labels.values)
        #expect(index.labelNames() == Set(remaining.flatMap { $0.labels.map(\.name) }).sorted(), "seed \(seed)")
        for name in names {
            let expectedValues = Set(remaining.compactMap { $0[name] }).sorted()
            #expect(index.labelValues(name) == expectedValues, "seed \(seed), name \(name)")
        }
    }
}
