import Testing
import TimeSeries

@testable import PromQL

/// Cases of Prometheus's `aggregators.test` (and the aggregation cases of `name_label_dropping.test`), with the
/// selector results built by hand in label order.
@Suite("Aggregations")
struct AggregationTests {
    typealias F = VectorFixtures

    static func run(
        _ op: AggregateOperator, _ input: [VectorSample], by grouping: [String] = [], without: Bool = false,
        parameter: Double? = nil, label: String? = nil
    ) throws(QueryError) -> [VectorSample] {
        try Aggregation.aggregate(
            op, input: input, grouping: grouping, without: without, parameter: parameter, label: label)
    }

    static func select(_ vector: [VectorSample], _ matchers: [String: String]) -> [VectorSample] {
        vector.filter { element in matchers.allSatisfy { element.labels[$0.key] == $0.value } }
    }

    /// `http_requests` at 50m.
    static let requests = F.vector([
        (#"http_requests{job="api-server", instance="0", group="production"}"#, 100),
        (#"http_requests{job="api-server", instance="1", group="production"}"#, 200),
        (#"http_requests{job="api-server", instance="0", group="canary"}"#, 300),
        (#"http_requests{job="api-server", instance="1", group="canary"}"#, 400),
        (#"http_requests{job="app-server", instance="0", group="production"}"#, 500),
        (#"http_requests{job="app-server", instance="1", group="production"}"#, 600),
        (#"http_requests{job="app-server", instance="0", group="canary"}"#, 700),
        (#"http_requests{job="app-server", instance="1", group="canary"}"#, 800),
    ])
    static let foo = F.vector([
        (#"foo{job="api-server", instance="0", region="europe"}"#, 900), (#"foo{job="api-server"}"#, 1000),
    ])

    @Test("sum, avg, count by, without, empty by and no clause")
    func basicGrouping() throws {
        let api = Self.select(Self.requests, ["job": "api-server"])
        let byGroup: [(String, Double)] = [(#"{group="canary"}"#, 700), (#"{group="production"}"#, 300)]
        #expect(F.matches(try Self.run(.sum, api, by: ["group"]), byGroup))
        #expect(
            F.matches(
                try Self.run(.avg, api, by: ["group"]), [(#"{group="canary"}"#, 350), (#"{group="production"}"#, 150)]))
        #expect(
            F.matches(
                try Self.run(.count, api, by: ["group"]), [(#"{group="canary"}"#, 2), (#"{group="production"}"#, 2)]))
        #expect(
            F.matches(
                try Self.run(.sum, api, by: ["instance"], without: true),
                [
                    (#"{group="canary",job="api-server"}"#, 700), (#"{group="production",job="api-server"}"#, 300),
                ]))
        #expect(F.matches(try Self.run(.sum, api), [("{}", 1000)]))
        let production = Self.select(api, ["group": "production"])
        #expect(
            F.matches(
                try Self.run(.sum, production, without: true),
                [
                    (#"{group="production",job="api-server",instance="0"}"#, 100),
                    (#"{group="production",job="api-server",instance="1"}"#, 200),
                ]))
        let mixed = F.vector(
            api.map { ($0.labels.description, $0.value) } + Self.foo.map { ($0.labels.description, $0.value) })
        #expect(
            F.matches(
                try Self.run(.sum, mixed, by: ["instance"], without: true),
                [
                    (#"{group="canary",job="api-server"}"#, 700), (#"{group="production",job="api-server"}"#, 300),
                    (#"{region="europe",job="api-server"}"#, 900), (#"{job="api-server"}"#, 1000),
                ]))
        #expect(
            F.matches(
                try Self.run(.sum, Self.requests, by: ["job", "nonexistent"]),
                [
                    (#"{job="api-server"}"#, 1000), (#"{job="app-server"}"#, 2600),
                ]))
        #expect(
            F.matches(
                try Self.run(.sum, Self.requests, by: ["job", "group"]),
                [
                    (#"{group="canary", job="api-server"}"#, 700), (#"{group="canary", job="app-server"}"#, 1500),
                    (#"{group="production", job="api-server"}"#, 300),
                    (#"{group="production", job="app-server"}"#, 1100),
                ]))
        #expect(F.matches(try Self.run(.sum, try Self.run(.sum, api, by: ["group"]), by: ["job"]), [("{}", 1000)]))
        let labelGrouping = F.vector([
            (#"label_grouping_test{a="aa", b="bb"}"#, 100), (#"label_grouping_test{a="a", b="abb"}"#, 200),
        ])
        #expect(
            F.matches(
                try Self.run(.sum, labelGrouping, by: ["a", "b"]),
                [(#"{a="a", b="abb"}"#, 200), (#"{a="aa", b="bb"}"#, 100)]))
    }

    @Test("groups come out in the order their first element appears")
    func groupOrder() throws {
        let result = try Self.run(.sum, Self.requests, by: ["group"])
        #expect(result.map { $0.labels["group"] } == ["canary", "production"])
        #expect(result.allSatisfy { !$0.dropName })
    }

    @Test("min, max, sum, avg by job add up as in aggregators.test")
    func minMaxSumAvg() throws {
        var totals: [Labels: Double] = [:]
        for op in [AggregateOperator.sum, .min, .max, .avg] {
            for element in try Self.run(op, Self.requests, by: ["job"]) {
                totals[element.labels, default: 0] += element.value
            }
        }
        #expect(totals == [F.labels(#"{job="app-server"}"#): 4550, F.labels(#"{job="api-server"}"#): 1750])
        #expect(
            F.matches(
                try Self.run(.min, Self.requests, by: ["job"]),
                [(#"{job="api-server"}"#, 100), (#"{job="app-server"}"#, 500)]))
        #expect(
            F.matches(
                try Self.run(.max, Self.requests, by: ["job"]),
                [(#"{job="api-server"}"#, 400), (#"{job="app-server"}"#, 800)]))
    }

    @Test("min and max replace NaN with any number")
    func minMaxNaN() throws {
        let input = F.vector([
            (#"http_requests{job="api-server", instance="0", group="production"}"#, 1),
            (#"http_requests{job="api-server", instance="1", group="production"}"#, 2),
            (#"http_requests{job="api-server", instance="0", group="canary"}"#, .nan),
            (#"http_requests{job="api-server", instance="1", group="canary"}"#, 3),
            (#"http_requests{job="api-server", instance="2", group="canary"}"#, 4),
        ])
        #expect(input[0].value.isNaN)
        #expect(F.matches(try Self.run(.max, input), [("{}", 4)]))
        #expect(F.matches(try Self.run(.min, input), [("{}", 1)]))
        #expect(
            F.matches(
                try Self.run(.max, input, by: ["group"]), [(#"{group="production"}"#, 2), (#"{group="canary"}"#, 4)]))
        #expect(
            F.matches(
                try Self.run(.min, input, by: ["group"]), [(#"{group="production"}"#, 1), (#"{group="canary"}"#, 3)]))
        #expect(F.matches(try Self.run(.max, [F.sample("x", .nan)]), [("{}", .nan)]))
    }

    @Test("stddev and stdvar are population statistics by Welford's method")
    func standardDeviation() throws {
        #expect(F.matches(try Self.run(.stddev, Self.requests), [("{}", 229.12878474779)]))
        #expect(
            F.matches(
                try Self.run(.stddev, Self.requests, by: ["instance"]),
                [(#"{instance="0"}"#, 223.60679774998), (#"{instance="1"}"#, 223.60679774998)]))
        #expect(F.matches(try Self.run(.stdvar, Self.requests), [("{}", 52500)]))
        #expect(
            F.matches(
                try Self.run(.stdvar, Self.requests, by: ["instance"]),
                [(#"{instance="0"}"#, 50000), (#"{instance="1"}"#, 50000)]))
        let equal = F.vector([("a{i=\"0\"}", 13.3), ("a{i=\"1\"}", 13.3), ("a{i=\"2\"}", 13.3)])
        #expect(try Self.run(.stddev, equal).first?.value == 0)
        #expect(try Self.run(.stdvar, equal).first?.value == 0)

        func series(_ values: [Double]) -> [VectorSample] {
            zip(["a", "b", "c"], values).map { F.sample(#"series{label="\#($0.0)"}"#, $0.1) }
        }
        #expect(F.matches(try Self.run(.stddev, series([1, 2])), [("{}", 0.5)]))
        #expect(F.matches(try Self.run(.stdvar, series([1, 2])), [("{}", 0.25)]))
        for values in [[1, 2, .nan], [.nan, 1, 2], [1, 2, .infinity], [.infinity, 1, 2], [.nan], [.infinity]] {
            #expect(F.matches(try Self.run(.stddev, series(values)), [("{}", .nan)]))
            #expect(F.matches(try Self.run(.stdvar, series(values)), [("{}", .nan)]))
        }
        #expect(
            F.matches(
                try Self.run(.stdvar, series([1, 2, .infinity]), by: ["label"]),
                [
                    (#"{label="a"}"#, 0), (#"{label="b"}"#, 0), (#"{label="c"}"#, .nan),
                ]))
        #expect(
            F.matches(
                try Self.run(.stddev, series([.nan, 1, 2]), by: ["label"]),
                [
                    (#"{label="a"}"#, .nan), (#"{label="b"}"#, 0), (#"{label="c"}"#, 0),
                ]))
    }

    @Test("avg with infinities, NaN and values whose sum overflows")
    func averages() throws {
        let big = 9.988465674311579e+307
        func avg(_ values: [Double]) throws -> Double {
            let input = values.enumerated().map { F.sample(#"data{point="\#($0.offset)"}"#, $0.element) }
            return try Self.run(.avg, input).first!.value
        }
        #expect(try avg([8, 10, 12]) == 10)
        #expect(try avg([0, .infinity, 0, .infinity]) == .infinity)
        #expect(try avg([.infinity, 0, .infinity]) == .infinity)
        #expect(try avg([.infinity, .infinity, -.infinity]).isNaN)
        #expect(try avg([-.infinity, -.infinity, 0]) == -.infinity)
        #expect(try avg([-.infinity, 0, -.infinity]) == -.infinity)
        #expect(try avg([-.infinity, .infinity, -.infinity]).isNaN)
        #expect(try avg([-.infinity, 0, .infinity]).isNaN)
        #expect(try avg([big, big, big, big]) == big)
        #expect(try avg([-big, -big, -big, -big]) == -big)
        #expect(F.close(try avg([-big, -big, big, big]), 0))
        #expect(try avg([2, 8, 1e100, -1e100]) == 2.5)
        #expect(try avg([.infinity, 2]) == .infinity)
        #expect(try avg([2, .infinity]) == .infinity)
        #expect(try avg([-.infinity, 2]) == -.infinity)
        #expect(try avg([.infinity, -.infinity]).isNaN)
        #expect(try avg([.nan, 2]).isNaN)
        #expect(try avg([2, .nan]).isNaN)
        #expect(try avg(Array(repeating: 52, count: 12)) == 52)
        for count in 8...11 { #expect(try avg(Array(repeating: 52, count: count)) == 52) }
    }

    @Test("sum uses Kahan summation and keeps infinities")
    func sums() throws {
        func sum(_ values: [Double]) throws -> Double {
            let input = values.enumerated().map { F.sample(#"data{point="\#($0.offset)"}"#, $0.element) }
            return try Self.run(.sum, input).first!.value
        }
        #expect(try sum([2, 8, 1e100, -1e100]) == 10)
        #expect(try sum([.infinity, 2]) == .infinity)
        #expect(try sum([2, -.infinity]) == -.infinity)
        #expect(try sum([.infinity, -.infinity]).isNaN)
        #expect(try sum([.nan, 2]).isNaN)
    }

    @Test("quantile interpolates, NaN sorts first, NaN φ gives NaN")
    func quantiles() throws {
        let data = F.vector([
            (#"data{test="two samples",point="a"}"#, 0), (#"data{test="two samples",point="b"}"#, 1),
            (#"data{test="three samples",point="a"}"#, 0), (#"data{test="three samples",point="b"}"#, 1),
            (#"data{test="three samples",point="c"}"#, 2),
            (#"data{test="uneven samples",point="a"}"#, 0), (#"data{test="uneven samples",point="b"}"#, 1),
            (#"data{test="uneven samples",point="c"}"#, 4),
            (#"data{test="NaN sample",point="a"}"#, 0), (#"data{test="NaN sample",point="b"}"#, 1),
            (#"data{test="NaN sample",point="c"}"#, .nan),
        ])
        #expect(
            F.matches(
                try Self.run(.quantile, data, by: ["point"], without: true, parameter: 0.8),
                [
                    (#"{test="two samples"}"#, 0.8), (#"{test="three samples"}"#, 1.6),
                    (#"{test="uneven samples"}"#, 2.8), (#"{test="NaN sample"}"#, 0.6),
                ]))
        #expect(
            F.matches(
                try Self.run(.quantile, data, by: ["point"], without: true, parameter: 0.2),
                [
                    (#"{test="two samples"}"#, 0.2), (#"{test="three samples"}"#, 0.4),
                    (#"{test="uneven samples"}"#, 0.4), (#"{test="NaN sample"}"#, .nan),
                ]))
        #expect(
            F.matches(
                try Self.run(.quantile, data, by: ["point"], without: true, parameter: .nan),
                [
                    (#"{test="two samples"}"#, .nan), (#"{test="three samples"}"#, .nan),
                    (#"{test="uneven samples"}"#, .nan), (#"{test="NaN sample"}"#, .nan),
                ]))
        #expect(
            F.matches(
                try Self.run(.quantile, data, by: ["point"], without: true, parameter: 0),
                [
                    (#"{test="two samples"}"#, 0), (#"{test="three samples"}"#, 0),
                    (#"{test="uneven samples"}"#, 0), (#"{test="NaN sample"}"#, .nan),
                ]))
        #expect(try Self.run(.quantile, data, parameter: 2).first?.value == .infinity)
        #expect(try Self.run(.quantile, data, parameter: -1).first?.value == -.infinity)
    }

    @Test("group gives 1 per group")
    func group() throws {
        let data = F.vector([
            (#"data{test="two samples",point="a"}"#, 0), (#"data{test="two samples",point="b"}"#, 1),
            (#"data{test="three samples",point="a"}"#, 0),
        ])
        #expect(
            F.matches(
                try Self.run(.group, data, by: ["point"], without: true),
                [
                    (#"{test="two samples"}"#, 1), (#"{test="three samples"}"#, 1),
                ]))
        #expect(F.matches(try Self.run(.group, [F.sample("foo", 0.8)]), [("{}", 1)]))
    }

    // MARK: - topk, bottomk

    static let ranked = F.vector([
        (#"http_requests{job="api-server", instance="0", group="production"}"#, 100),
        (#"http_requests{job="api-server", instance="1", group="production"}"#, 200),
        (#"http_requests{job="api-server", instance="2", group="production"}"#, .nan),
        (#"http_requests{job="api-server", instance="0", group="canary"}"#, 300),
        (#"http_requests{job="api-server", instance="1", group="canary"}"#, 400),
        (#"http_requests{job="app-server", instance="0", group="production"}"#, 500),
        (#"http_requests{job="app-server", instance="1", group="production"}"#, 600),
        (#"http_requests{job="app-server", instance="0", group="canary"}"#, 700),
        (#"http_requests{job="app-server", instance="1", group="canary"}"#, 800),
    ])

    @Test("topk and bottomk return the original series, ordered within the group")
    func topAndBottom() throws {
        #expect(
            F.matches(
                try Self.run(.topk, Self.ranked, parameter: 3),
                [
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                    (#"http_requests{group="canary", instance="0", job="app-server"}"#, 700),
                    (#"http_requests{group="production", instance="1", job="app-server"}"#, 600),
                ], ordered: true))
        let canaryApp = Self.select(Self.ranked, ["group": "canary", "job": "app-server"])
        #expect(
            F.matches(
                try Self.run(.topk, canaryApp, parameter: 5),
                [
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                    (#"http_requests{group="canary", instance="0", job="app-server"}"#, 700),
                ], ordered: true))
        #expect(
            F.matches(
                try Self.run(.bottomk, Self.ranked, parameter: 3),
                [
                    (#"http_requests{group="production", instance="0", job="api-server"}"#, 100),
                    (#"http_requests{group="production", instance="1", job="api-server"}"#, 200),
                    (#"http_requests{group="canary", instance="0", job="api-server"}"#, 300),
                ], ordered: true))
        #expect(
            F.matches(
                try Self.run(.bottomk, canaryApp, parameter: 5),
                [
                    (#"http_requests{group="canary", instance="0", job="app-server"}"#, 700),
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                ], ordered: true))
        #expect(
            F.matches(
                try Self.run(.topk, Self.ranked, by: ["group"], parameter: 1),
                [
                    (#"http_requests{group="production", instance="1", job="app-server"}"#, 600),
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                ]))
        #expect(
            F.matches(
                try Self.run(.bottomk, Self.ranked, by: ["group"], parameter: 2),
                [
                    (#"http_requests{group="canary", instance="0", job="api-server"}"#, 300),
                    (#"http_requests{group="canary", instance="1", job="api-server"}"#, 400),
                    (#"http_requests{group="production", instance="0", job="api-server"}"#, 100),
                    (#"http_requests{group="production", instance="1", job="api-server"}"#, 200),
                ]))
        let production = Self.select(Self.ranked, ["group": "production"])
        #expect(
            F.matches(
                try Self.run(.bottomk, production, by: ["group"], parameter: 2),
                [
                    (#"http_requests{group="production", instance="0", job="api-server"}"#, 100),
                    (#"http_requests{group="production", instance="1", job="api-server"}"#, 200),
                ], ordered: true))
    }

    @Test("NaN sorts away from the top and the bottom; huge k is capped by the input")
    func topWithNaN() throws {
        let apiProduction = Self.select(Self.ranked, ["group": "production", "job": "api-server"])
        let descending: [(String, Double)] = [
            (#"http_requests{job="api-server", instance="1", group="production"}"#, 200),
            (#"http_requests{job="api-server", instance="0", group="production"}"#, 100),
            (#"http_requests{job="api-server", instance="2", group="production"}"#, .nan),
        ]
        #expect(F.matches(try Self.run(.topk, apiProduction, parameter: 3), descending, ordered: true))
        #expect(F.matches(try Self.run(.topk, apiProduction, parameter: 9_999_999_999), descending, ordered: true))
        #expect(
            F.matches(
                try Self.run(.bottomk, apiProduction, parameter: 3),
                [
                    (#"http_requests{job="api-server", instance="0", group="production"}"#, 100),
                    (#"http_requests{job="api-server", instance="1", group="production"}"#, 200),
                    (#"http_requests{job="api-server", instance="2", group="production"}"#, .nan),
                ], ordered: true))
        let canaryApp = Self.select(Self.ranked, ["group": "canary", "job": "app-server"])
        #expect(
            F.matches(
                try Self.run(.bottomk, canaryApp, parameter: 9_999_999_999),
                [
                    (#"http_requests{group="canary", instance="0", job="app-server"}"#, 700),
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                ], ordered: true))
        #expect(
            F.matches(
                try Self.run(.topk, Self.ranked, by: ["instance"], parameter: 1),
                [
                    (#"http_requests{group="canary", instance="0", job="app-server"}"#, 700),
                    (#"http_requests{group="canary", instance="1", job="app-server"}"#, 800),
                    (#"http_requests{group="production", instance="2", job="api-server"}"#, .nan),
                ]))
        #expect(
            F.matches(
                try Self.run(.topk, apiProduction, parameter: 1),
                [
                    (#"http_requests{job="api-server", instance="1", group="production"}"#, 200)
                ]))
        #expect(
            F.matches(
                try Self.run(.bottomk, apiProduction, parameter: 1),
                [
                    (#"http_requests{job="api-server", instance="0", group="production"}"#, 100)
                ]))
        // A NaN that arrives first is replaced before any number, and ends up last when kept.
        let mixed = [F.sample(#"m{i="a"}"#, 1), F.sample(#"m{i="b"}"#, .nan), F.sample(#"m{i="c"}"#, 2)]
        #expect(try Self.run(.topk, mixed, parameter: 2).map(\.value) == [2, 1])
        let nanFirst = [F.sample(#"m{i="a"}"#, .nan), F.sample(#"m{i="b"}"#, 5), F.sample(#"m{i="c"}"#, 1)]
        #expect(try Self.run(.bottomk, nanFirst, parameter: 3).map(\.value).description == "[1.0, 5.0, nan]")
        #expect(try Self.run(.topk, nanFirst, parameter: 3).map(\.value).description == "[5.0, 1.0, nan]")
    }

    @Test("k is truncated, k < 1 selects nothing, and count(topk(foo)) follows k over the steps")
    func kParameter() throws {
        #expect(try Self.run(.topk, Self.ranked, parameter: 2.9).count == 2)
        #expect(try Self.run(.topk, Self.ranked, parameter: 0.9).isEmpty)
        #expect(try Self.run(.bottomk, Self.ranked, parameter: -5).isEmpty)
        #expect(try Self.run(.topk, [], parameter: 3).isEmpty)
        let foo: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3]
        let counts = try foo.map { try Self.run(.count, try Self.run(.topk, Self.ranked, parameter: $0)).first!.value }
        #expect(counts == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 3])
        let bottomCounts = try foo.map {
            try Self.run(.count, try Self.run(.bottomk, Self.ranked, parameter: $0)).first!.value
        }
        #expect(bottomCounts == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 3])
    }

    @Test("parameter errors use Prometheus's messages")
    func parameterErrors() {
        #expect(throws: QueryError(.execution, "Parameter value is NaN")) { try Self.run(.topk, [], parameter: .nan) }
        #expect(throws: QueryError(.execution, "Parameter value is NaN")) { try Self.run(.limitk, [], parameter: .nan) }
        #expect(throws: QueryError(.execution, "Ratio value is NaN")) { try Self.run(.limitRatio, [], parameter: .nan) }
        #expect(throws: QueryError(.execution, "Scalar value 1e+19 overflows int64")) {
            try Self.run(.bottomk, Self.ranked, parameter: 1e19)
        }
        #expect(throws: QueryError(.execution, "Scalar value -1e+19 underflows int64")) {
            try Aggregation.checkParameters(.topk, [5, -1e19])
        }
        #expect(throws: QueryError(.execution, "Parameter value is NaN")) {
            try Aggregation.checkParameters(.topk, [5, .nan])
        }
        #expect((try? Aggregation.checkParameters(.topk, [0, -1e19])) != nil)
        #expect((try? Aggregation.checkParameters(.limitRatio, [0, 0])) != nil)
    }

    @Test("topk keeps each element's dropName and labels; aggregations by __name__ keep the name")
    func names() throws {
        let rates = [F.sample(#"metric_total{env="1"}"#, 0.2, dropName: true)]
        let top = try Self.run(.topk, rates, parameter: 10)
        #expect(top == rates)
        let kept = try Self.run(.sum, [F.sample(#"metric_total{env="1"}"#, 120)], by: ["__name__", "env"])
        #expect(F.matches(kept, [(#"metric_total{env="1"}"#, 120)]))
        let dropped = try Self.run(.sum, rates, by: ["__name__", "env"])
        #expect(F.matches(dropped, [(#"{env="1"}"#, 0.2)]))
        let merged = try Self.run(
            .sum, [F.sample(#"a{env="1"}"#, 0.2, dropName: true), F.sample(#"b{env="1"}"#, 0.2, dropName: true)],
            by: ["env"])
        #expect(F.matches(merged, [(#"{env="1"}"#, 0.4)]))
    }

    // MARK: - limitk, limit_ratio

    @Test("limitk takes the first k elements of each group")
    func limitk() throws {
        let limited = try Self.run(.limitk, Self.ranked, by: ["group"], parameter: 2)
        #expect(limited.count == 4)
        #expect(Set(limited).isSubset(of: Set(Self.ranked)))
        #expect(Set(limited.map { $0.labels["group"] }) == ["production", "canary"])
        #expect(try Self.run(.limitk, Self.ranked, parameter: 100).count == Self.ranked.count)
        #expect(try Self.run(.limitk, Self.ranked, parameter: 0).isEmpty)
    }

    @Test("limit_ratio samples by label hash; r and -(1-r) complement each other")
    func limitRatio() throws {
        let many = (0..<200).map { F.sample(#"m{i="\#($0)"}"#, Double($0)) }
        let all = try Self.run(.limitRatio, many, parameter: 1)
        #expect(all.count == many.count)
        let part = try Self.run(.limitRatio, many, parameter: 0.3)
        let rest = try Self.run(.limitRatio, many, parameter: -0.7)
        #expect(Set(part).isDisjoint(with: Set(rest)))
        #expect(part.count + rest.count == many.count)
        #expect(part.count > 20 && part.count < 100)
        #expect(try Self.run(.limitRatio, many, parameter: 0).isEmpty)
        #expect(try Self.run(.limitRatio, many, parameter: 7).count == many.count)
    }

    // MARK: - count_values

    static let versions = F.vector([
        (#"version{job="api-server", instance="0", group="production"}"#, 6),
        (#"version{job="api-server", instance="1", group="production"}"#, 6),
        (#"version{job="api-server", instance="2", group="production"}"#, 6),
        (#"version{job="api-server", instance="0", group="canary"}"#, 8),
        (#"version{job="api-server", instance="1", group="canary"}"#, 8),
        (#"version{job="app-server", instance="0", group="production"}"#, 6),
        (#"version{job="app-server", instance="1", group="production"}"#, 6),
        (#"version{job="app-server", instance="0", group="canary"}"#, 7),
        (#"version{job="app-server", instance="1", group="canary"}"#, 7),
    ])

    @Test("count_values counts each value, with the value in the label")
    func countValues() throws {
        #expect(
            F.matches(
                try Self.run(.countValues, Self.versions, label: "version"),
                [
                    (#"{version="6"}"#, 5), (#"{version="7"}"#, 2), (#"{version="8"}"#, 2),
                ]))
        #expect(
            F.matches(
                try Self.run(.countValues, Self.versions, by: ["instance"], without: true, label: "version"),
                [
                    (#"{job="api-server", group="production", version="6"}"#, 3),
                    (#"{job="api-server", group="canary", version="8"}"#, 2),
                    (#"{job="app-server", group="production", version="6"}"#, 2),
                    (#"{job="app-server", group="canary", version="7"}"#, 2),
                ]))
        let overwritten: [(String, Double)] = [
            (#"{job="6", group="production"}"#, 5), (#"{job="8", group="canary"}"#, 2),
            (#"{job="7", group="canary"}"#, 2),
        ]
        #expect(
            F.matches(
                try Self.run(.countValues, Self.versions, by: ["instance"], without: true, label: "job"), overwritten))
        #expect(F.matches(try Self.run(.countValues, Self.versions, by: ["job", "group"], label: "job"), overwritten))
    }

    @Test("count_values formats values like Go's FormatFloat and rejects an empty label name")
    func countValuesFormatting() throws {
        let values: [Double] = [0.1, 1e21, -0.0, .nan, .infinity, 1.5e-7, 100]
        let input = values.enumerated().map { F.sample(#"x{i="\#($0.offset)"}"#, $0.element) }
        let labels = try Self.run(.countValues, input, label: "v").map { $0.labels["v"]! }
        #expect(labels == ["0.1", "1000000000000000000000", "-0", "NaN", "+Inf", "0.00000015", "100"])
        #expect(throws: QueryError(.execution, #"invalid label name """#)) {
            try Self.run(.countValues, input, label: "")
        }
    }
}
