import Foundation
import Testing
import TimeSeries

@testable import PromQL

/// Cases of Prometheus's `operators.test` and `collision.test`, evaluated step by step as the engine will: the
/// operands are built by hand (selectors as label-sorted vectors, aggregations through `Aggregation`).
@Suite("Binary operators")
struct BinaryEvaluationTests {
    typealias F = VectorFixtures

    /// `http_requests_total` at 50m in operators.test.
    static let requests = F.vector([
        (#"http_requests_total{job="api-server", instance="0", group="production"}"#, 100),
        (#"http_requests_total{job="api-server", instance="1", group="production"}"#, 200),
        (#"http_requests_total{job="api-server", instance="0", group="canary"}"#, 300),
        (#"http_requests_total{job="api-server", instance="1", group="canary"}"#, 400),
        (#"http_requests_total{job="app-server", instance="0", group="production"}"#, 500),
        (#"http_requests_total{job="app-server", instance="1", group="production"}"#, 600),
        (#"http_requests_total{job="app-server", instance="0", group="canary"}"#, 700),
        (#"http_requests_total{job="app-server", instance="1", group="canary"}"#, 800),
    ])

    static func select(_ vector: [VectorSample], _ matchers: [String: String]) -> [VectorSample] {
        vector.filter { element in matchers.allSatisfy { element.labels[$0.key] == $0.value } }
    }

    static func aggregate(_ op: AggregateOperator, by grouping: [String], _ input: [VectorSample]) -> [VectorSample] {
        (try? Aggregation.aggregate(op, input: input, grouping: grouping, without: false, parameter: nil, label: nil))
            ?? []
    }

    static func binary(
        _ op: BinaryOperator, _ lhs: [VectorSample], _ rhs: [VectorSample],
        _ matching: VectorMatching = VectorMatching(cardinality: .oneToOne), bool: Bool = false
    ) throws(QueryError) -> [VectorSample] {
        try BinaryEvaluation.vectorVector(op, lhs: lhs, rhs: rhs, matching: matching, returnBool: bool)
    }

    static func scalar(
        _ op: BinaryOperator, _ vector: [VectorSample], _ value: Double, left: Bool = false, bool: Bool = false
    ) -> [VectorSample] {
        BinaryEvaluation.vectorScalar(op, vector: vector, scalar: value, scalarOnLeft: left, returnBool: bool)
    }

    static func on(_ labels: String..., card: VectorMatching.Cardinality = .oneToOne, include: [String] = [])
        -> VectorMatching
    {
        VectorMatching(cardinality: card, matchingLabels: labels, on: true, include: include)
    }

    static func ignoring(_ labels: String..., card: VectorMatching.Cardinality = .oneToOne, include: [String] = [])
        -> VectorMatching
    {
        VectorMatching(cardinality: card, matchingLabels: labels, on: false, include: include)
    }

    static let setMatching = VectorMatching(cardinality: .manyToMany)

    /// Unary minus as the evaluator applies it: negated values, name dropped.
    static func negate(_ vector: [VectorSample]) -> [VectorSample] {
        vector.map { VectorSample(labels: $0.labels, value: -$0.value, dropName: true) }
    }

    // MARK: - Scalars

    @Test("scalar arithmetic follows Go: math.Mod, math.Pow, IEEE division, atan2")
    func scalarArithmetic() {
        #expect(BinaryEvaluation.scalarScalar(.subtract, 2, 5) == -3)
        #expect(BinaryEvaluation.scalarScalar(.power, 2, BinaryEvaluation.scalarScalar(.power, 3, 2)) == 512)
        #expect(BinaryEvaluation.scalarScalar(.modulo, -7, 3) == -1)
        #expect(BinaryEvaluation.scalarScalar(.modulo, 7, -3) == 1)
        #expect(BinaryEvaluation.scalarScalar(.modulo, 1000, 0.3) == 0.100000000000037)
        #expect(BinaryEvaluation.scalarScalar(.modulo, 1, 0).isNaN)
        #expect(BinaryEvaluation.scalarScalar(.divide, 1, 0) == .infinity)
        #expect(BinaryEvaluation.scalarScalar(.divide, -1, 0) == -.infinity)
        #expect(BinaryEvaluation.scalarScalar(.divide, 0, 0).isNaN)
        #expect(BinaryEvaluation.scalarScalar(.atan2, 10, 20) == 0.4636476090008061)
        #expect(BinaryEvaluation.scalarScalar(.atan2, 10, .nan).isNaN)
        // operators.test: -2^---1*3 = -1.5 and 2/-2^---1*3+2 = -10 (unary minus binds looser than ^).
        let power = BinaryEvaluation.scalarScalar(.power, 2, -1)
        #expect(BinaryEvaluation.scalarScalar(.multiply, -power, 3) == -1.5)
        let quotient = BinaryEvaluation.scalarScalar(.divide, 2, -power)
        #expect(BinaryEvaluation.scalarScalar(.add, BinaryEvaluation.scalarScalar(.multiply, quotient, 3), 2) == -10)
    }

    @Test("scalar comparisons (always bool) give 0 or 1, and NaN compares false")
    func scalarComparisons() {
        #expect(BinaryEvaluation.scalarScalar(.equal, 0, 1) == 0)
        #expect(BinaryEvaluation.scalarScalar(.equal, 1, 1) == 1)
        #expect(BinaryEvaluation.scalarScalar(.greaterOrEqual, 2, 1) == 1)
        #expect(BinaryEvaluation.scalarScalar(.equal, .nan, .nan) == 0)
        #expect(BinaryEvaluation.scalarScalar(.notEqual, .nan, .nan) == 1)
    }

    // MARK: - Vector and scalar

    @Test("vector/scalar arithmetic on aggregated and raw series; the name is dropped")
    func vectorScalarArithmetic() {
        let sums = Self.aggregate(.sum, by: ["job"], Self.requests)
        #expect(
            F.matches(
                Self.scalar(.subtract, sums, 2, left: true),
                [(#"{job="api-server"}"#, -998), (#"{job="app-server"}"#, -2598)]))
        #expect(
            F.matches(
                Self.scalar(.divide, sums, 1000, left: true),
                [(#"{job="api-server"}"#, 1), (#"{job="app-server"}"#, 0.38461538461538464)]))
        #expect(F.matches(Self.scalar(.modulo, sums, 3), [(#"{job="api-server"}"#, 1), (#"{job="app-server"}"#, 2)]))
        #expect(
            F.matches(Self.scalar(.modulo, sums, 0.3), [(#"{job="api-server"}"#, 0.1), (#"{job="app-server"}"#, 0.2)]))
        #expect(
            F.matches(
                Self.scalar(.power, sums, 2),
                [(#"{job="api-server"}"#, 1_000_000), (#"{job="app-server"}"#, 6_760_000)]))
        #expect(
            F.matches(Self.scalar(.modulo, sums, 512), [(#"{job="api-server"}"#, 488), (#"{job="app-server"}"#, 40)]))
        let huge = BinaryEvaluation.scalarScalar(.power, 2, BinaryEvaluation.scalarScalar(.power, 3, 4))
        #expect(
            F.matches(
                Self.scalar(.modulo, sums, huge), [(#"{job="api-server"}"#, 1000), (#"{job="app-server"}"#, 2600)]))
        // -10^3 * - SUM(...) BY (job) ^ -1
        let inverse = Self.negate(Self.scalar(.power, sums, -1))
        #expect(
            F.matches(
                Self.scalar(.multiply, inverse, -1000, left: true),
                [(#"{job="api-server"}"#, 1), (#"{job="app-server"}"#, 0.38461538461538464)]))

        let one = Self.select(Self.requests, ["group": "canary", "instance": "0", "job": "api-server"])
        #expect(
            F.matches(Self.scalar(.divide, one, 0), [(#"{group="canary", instance="0", job="api-server"}"#, .infinity)])
        )
        let negative = Self.scalar(.multiply, one, -1, left: true)
        #expect(
            F.matches(
                Self.scalar(.divide, negative, 0), [(#"{group="canary", instance="0", job="api-server"}"#, -.infinity)])
        )
        let zero = Self.scalar(.multiply, one, 0, left: true)
        #expect(
            F.matches(Self.scalar(.divide, zero, 0), [(#"{group="canary", instance="0", job="api-server"}"#, .nan)]))
        #expect(
            F.matches(Self.scalar(.modulo, zero, 0), [(#"{group="canary", instance="0", job="api-server"}"#, .nan)]))
        let result = Self.scalar(.add, one, 2)
        #expect(result.allSatisfy { $0.dropName && $0.labels.metricName == "http_requests_total" })
    }

    @Test("vector/scalar comparisons filter and keep the vector's value, even with the scalar on the left")
    func vectorScalarComparisons() {
        let sums = Self.aggregate(.sum, by: ["job"], Self.requests)
        #expect(F.matches(Self.scalar(.greater, sums, 1000), [(#"{job="app-server"}"#, 2600)]))
        #expect(F.matches(Self.scalar(.less, sums, 1000, left: true), [(#"{job="app-server"}"#, 2600)]))
        #expect(F.matches(Self.scalar(.lessOrEqual, sums, 1000), [(#"{job="api-server"}"#, 1000)]))
        #expect(F.matches(Self.scalar(.notEqual, sums, 1000), [(#"{job="app-server"}"#, 2600)]))
        #expect(F.matches(Self.scalar(.equal, sums, 1000), [(#"{job="api-server"}"#, 1000)]))
        #expect(
            F.matches(
                Self.scalar(.equal, sums, 1000, bool: true), [(#"{job="api-server"}"#, 1), (#"{job="app-server"}"#, 0)])
        )

        let one = Self.select(Self.requests, ["group": "production", "instance": "0", "job": "api-server"])
        let filtered = Self.scalar(.equal, one, 100)
        #expect(
            F.matches(filtered, [(#"http_requests_total{job="api-server", instance="0", group="production"}"#, 100)]))
        #expect(filtered.allSatisfy { !$0.dropName })
        #expect(
            F.matches(
                Self.scalar(.equal, one, 100, bool: true),
                [(#"{job="api-server", instance="0", group="production"}"#, 1)]))
    }

    @Test("left_floats against scalars at every step, both sides, with NaN and infinities")
    func floatsAgainstScalars() {
        let values: [Double] = [1, 2, 3, 4, 5, .nan, .infinity, -.infinity]
        let steps = values.map { [F.sample("left_floats", $0)] }
        func kept(_ op: BinaryOperator, _ scalar: Double, left: Bool = false) -> [Double] {
            steps.flatMap { Self.scalar(op, $0, scalar, left: left).map(\.value) }
        }
        func bools(_ op: BinaryOperator, _ scalar: Double, left: Bool = false) -> [Double] {
            steps.flatMap { Self.scalar(op, $0, scalar, left: left, bool: true).map(\.value) }
        }
        #expect(kept(.equal, 3) == [3])
        #expect(kept(.notEqual, 3).description == "[1.0, 2.0, 4.0, 5.0, nan, inf, -inf]")
        #expect(kept(.greater, 3) == [4, 5, .infinity])
        #expect(kept(.greaterOrEqual, 3) == [3, 4, 5, .infinity])
        #expect(kept(.less, 3) == [1, 2, -.infinity])
        #expect(kept(.lessOrEqual, 3) == [1, 2, 3, -.infinity])
        #expect(bools(.equal, 3) == [0, 0, 1, 0, 0, 0, 0, 0])
        #expect(kept(.equal, .infinity) == [.infinity])
        #expect(bools(.equal, .infinity) == [0, 0, 0, 0, 0, 0, 1, 0])
        #expect(kept(.equal, .nan).isEmpty)
        #expect(bools(.equal, .nan) == [0, 0, 0, 0, 0, 0, 0, 0])
        // Scalar on the left.
        #expect(kept(.equal, 3, left: true) == [3])
        #expect(kept(.less, 3, left: true) == [4, 5, .infinity])
        #expect(kept(.lessOrEqual, 3, left: true) == [3, 4, 5, .infinity])
        #expect(kept(.greater, 3, left: true) == [1, 2, -.infinity])
        #expect(kept(.greaterOrEqual, 3, left: true) == [1, 2, 3, -.infinity])
        #expect(kept(.equal, .nan, left: true).isEmpty)
        #expect(bools(.equal, .nan, left: true) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(bools(.equal, .infinity, left: true) == [0, 0, 0, 0, 0, 0, 1, 0])
    }

    // MARK: - Vector and vector

    @Test("one-to-one arithmetic between aggregations")
    func aggregatedArithmetic() throws {
        let sums = Self.aggregate(.sum, by: ["job"], Self.requests)
        let counts = Self.aggregate(.count, by: ["job"], Self.requests)
        #expect(
            F.matches(
                try Self.binary(.subtract, sums, counts),
                [(#"{job="api-server"}"#, 996), (#"{job="app-server"}"#, 2596)]))
        #expect(
            F.matches(
                try Self.binary(.power, counts, counts), [(#"{job="api-server"}"#, 256), (#"{job="app-server"}"#, 256)])
        )
        #expect(
            F.matches(
                try Self.binary(.add, sums, sums), [(#"{job="api-server"}"#, 2000), (#"{job="app-server"}"#, 5200)]))
        #expect(
            F.matches(
                try Self.binary(.equal, sums, sums, bool: true),
                [(#"{job="api-server"}"#, 1), (#"{job="app-server"}"#, 1)]))
        #expect(
            F.matches(
                try Self.binary(.notEqual, sums, sums, bool: true),
                [(#"{job="api-server"}"#, 0), (#"{job="app-server"}"#, 0)]))
    }

    @Test("on/ignoring reduce the result labels; arithmetic removes the name from the labels")
    func onAndIgnoring() throws {
        let canary = Self.select(Self.requests, ["group": "canary"])
        let production = Self.select(Self.requests, ["group": "production"])
        let expected: [(String, Double)] = [
            (#"{instance="0", job="api-server"}"#, 3), (#"{instance="0", job="app-server"}"#, 1.4),
            (#"{instance="1", job="api-server"}"#, 2), (#"{instance="1", job="app-server"}"#, 1.3333333333333333),
        ]
        let viaOn = try Self.binary(.divide, canary, production, Self.on("instance", "job"))
        #expect(F.matches(viaOn, expected))
        let viaIgnoring = try Self.binary(.divide, canary, production, Self.ignoring("group"))
        #expect(F.matches(viaIgnoring, expected))
        #expect(viaIgnoring.allSatisfy { !$0.dropName && $0.labels.metricName == nil })

        let random = [F.sample(#"random{foo="bar"}"#, 2)]
        let metricA = [F.sample(#"metricA{baz="meh"}"#, 3)]
        let metricB = [F.sample(#"metricB{baz="meh"}"#, 4)]
        #expect(F.matches(try Self.binary(.add, random, metricA, Self.on()), [("{}", 5)]))
        #expect(F.matches(try Self.binary(.add, metricA, metricB, Self.ignoring()), [(#"{baz="meh"}"#, 7)]))
        #expect(F.matches(try Self.binary(.add, metricA, metricB), [(#"{baz="meh"}"#, 7)]))
    }

    @Test("vector/vector comparisons keep the left name and value; bool gives 0/1 and drops the name")
    func vectorComparisons() throws {
        let total = [F.sample(#"test_total{instance="localhost"}"#, 50)]
        let smaller = [F.sample(#"test_smaller{instance="localhost"}"#, 10)]
        #expect(F.matches(try Self.binary(.greater, total, smaller, bool: true), [(#"{instance="localhost"}"#, 1)]))
        #expect(F.matches(try Self.binary(.greater, total, smaller), [(#"test_total{instance="localhost"}"#, 50)]))
        #expect(F.matches(try Self.binary(.less, total, smaller, bool: true), [(#"{instance="localhost"}"#, 0)]))
        #expect(try Self.binary(.less, total, smaller).isEmpty)
        let boolResult = try Self.binary(.greater, total, smaller, bool: true)
        #expect(boolResult.allSatisfy { $0.dropName && $0.labels.metricName == "test_total" })
    }

    @Test("left_floats against right_floats at every step where both exist")
    func floatsAgainstFloats() throws {
        let pairs: [(Double, Double)] = [
            (1, 4), (3, 3), (4, -1), (5, 20), (.nan, .nan), (.infinity, .infinity), (-.infinity, -.infinity),
        ]
        func run(_ op: BinaryOperator, bool: Bool = false) throws -> [String] {
            try pairs.map { pair in
                let result = try Self.binary(
                    op, [F.sample("left_floats", pair.0)], [F.sample("right_floats", pair.1)], bool: bool)
                return result.map { "\(F.reported($0).metricName ?? "")\($0.value)" }.joined()
            }
        }
        #expect(try run(.equal) == ["", "left_floats3.0", "", "", "", "left_floatsinf", "left_floats-inf"])
        #expect(try run(.equal, bool: true) == ["0.0", "1.0", "0.0", "0.0", "0.0", "1.0", "1.0"])
        #expect(
            try run(.notEqual) == ["left_floats1.0", "", "left_floats4.0", "left_floats5.0", "left_floatsnan", "", ""])
        #expect(try run(.notEqual, bool: true) == ["1.0", "0.0", "1.0", "1.0", "1.0", "0.0", "0.0"])
        #expect(try run(.greater) == ["", "", "left_floats4.0", "", "", "", ""])
        #expect(try run(.greater, bool: true) == ["0.0", "0.0", "1.0", "0.0", "0.0", "0.0", "0.0"])
        #expect(
            try run(.greaterOrEqual) == [
                "", "left_floats3.0", "left_floats4.0", "", "", "left_floatsinf", "left_floats-inf",
            ])
        #expect(try run(.less) == ["left_floats1.0", "", "", "left_floats5.0", "", "", ""])
        #expect(
            try run(.lessOrEqual) == [
                "left_floats1.0", "left_floats3.0", "", "left_floats5.0", "", "left_floatsinf", "left_floats-inf",
            ])
        #expect(try run(.lessOrEqual, bool: true) == ["1.0", "1.0", "0.0", "1.0", "0.0", "1.0", "1.0"])
        #expect(try Self.binary(.equal, [F.sample("left_floats", 1)], []).isEmpty)
    }

    @Test("atan2 between vectors")
    func atan2Vectors() throws {
        let result = try Self.binary(.atan2, [F.sample("trigy", 10)], [F.sample("trigx", 20)])
        #expect(F.matches(result, [("{}", 0.4636476090008061)]))
        #expect(result.first?.value == 0.4636476090008061)
        #expect(
            F.matches(try Self.binary(.atan2, [F.sample("trigy", 10)], [F.sample("trigNaN", .nan)]), [("{}", .nan)]))
    }

    // MARK: - Set operators

    @Test("and, or, unless match on the signature and keep the kept side's elements")
    func setOperators() throws {
        let canary = Self.select(Self.requests, ["group": "canary"])
        let instance0 = Self.select(Self.requests, ["instance": "0"])
        let instance1 = Self.select(Self.requests, ["instance": "1"])
        let canaryPlusOne = Self.scalar(.add, canary, 1)
        let canaryBoth: [(String, Double)] = [
            (#"http_requests_total{group="canary", instance="0", job="api-server"}"#, 300),
            (#"http_requests_total{group="canary", instance="0", job="app-server"}"#, 700),
        ]
        #expect(F.matches(try Self.binary(.and, canary, instance0, Self.setMatching), canaryBoth))
        let plusOneInstance0: [(String, Double)] = [
            (#"{group="canary", instance="0", job="api-server"}"#, 301),
            (#"{group="canary", instance="0", job="app-server"}"#, 701),
        ]
        #expect(F.matches(try Self.binary(.and, canaryPlusOne, instance0, Self.setMatching), plusOneInstance0))
        let production0 = Self.select(Self.requests, ["instance": "0", "group": "production"])
        for matching in [
            Self.on("instance", "job", card: .manyToMany), Self.on("instance", card: .manyToMany),
            Self.ignoring("group", card: .manyToMany), Self.ignoring("group", "job", card: .manyToMany),
        ] {
            #expect(F.matches(try Self.binary(.and, canaryPlusOne, production0, matching), plusOneInstance0))
        }

        let production = Self.select(Self.requests, ["group": "production"])
        let everything = try Self.binary(.or, canary, production, Self.setMatching)
        #expect(everything.count == 8 && everything.allSatisfy { $0.labels.metricName == "http_requests_total" })
        #expect(everything.map(\.value) == canary.map(\.value) + production.map(\.value))

        // On overlap the right-hand samples are dropped.
        let overlap = try Self.binary(.or, canaryPlusOne, instance1, Self.setMatching)
        #expect(
            F.matches(
                overlap,
                [
                    (#"{group="canary", instance="0", job="api-server"}"#, 301),
                    (#"{group="canary", instance="0", job="app-server"}"#, 701),
                    (#"{group="canary", instance="1", job="api-server"}"#, 401),
                    (#"{group="canary", instance="1", job="app-server"}"#, 801),
                    (#"http_requests_total{group="production", instance="1", job="api-server"}"#, 200),
                    (#"http_requests_total{group="production", instance="1", job="app-server"}"#, 600),
                ]))

        let canary1: [(String, Double)] = [
            (#"http_requests_total{group="canary", instance="1", job="api-server"}"#, 400),
            (#"http_requests_total{group="canary", instance="1", job="app-server"}"#, 800),
        ]
        #expect(F.matches(try Self.binary(.unless, canary, instance0, Self.setMatching), canary1))
        #expect(try Self.binary(.unless, canary, instance0, Self.on("job", card: .manyToMany)).isEmpty)
        #expect(
            F.matches(
                try Self.binary(.unless, canary, instance0, Self.on("job", "instance", card: .manyToMany)), canary1))
        #expect(
            try Self.binary(.unless, canary, instance0, Self.ignoring("group", "instance", card: .manyToMany)).isEmpty)
        #expect(
            F.matches(try Self.binary(.unless, canary, instance0, Self.ignoring("group", card: .manyToMany)), canary1))
    }

    @Test("or on(instance) keeps right elements without the instance label")
    func orOnMissingLabel() throws {
        let canaryPlusOne = Self.scalar(.add, Self.select(Self.requests, ["group": "canary"]), 1)
        let matchingA = F.vector([(#"vector_matching_a{l="x"}"#, 10), (#"vector_matching_a{l="y"}"#, 20)])
        let rhs = try Self.binary(.or, Self.requests, matchingA, Self.setMatching)
        let expected: [(String, Double)] = [
            (#"{group="canary", instance="0", job="api-server"}"#, 301),
            (#"{group="canary", instance="0", job="app-server"}"#, 701),
            (#"{group="canary", instance="1", job="api-server"}"#, 401),
            (#"{group="canary", instance="1", job="app-server"}"#, 801),
            (#"vector_matching_a{l="x"}"#, 10), (#"vector_matching_a{l="y"}"#, 20),
        ]
        #expect(F.matches(try Self.binary(.or, canaryPlusOne, rhs, Self.on("instance", card: .manyToMany)), expected))
        let ignoring = Self.ignoring("l", "group", "job", card: .manyToMany)
        #expect(F.matches(try Self.binary(.or, canaryPlusOne, rhs, ignoring), expected))
    }

    @Test("and on() with an empty or one-element vector keeps everything or nothing")
    func andOnNothing() throws {
        let vectorOne = Self.scalar(.equal, [F.sample("{}", 1)], 1)
        #expect(try Self.binary(.and, Self.requests, vectorOne, Self.on("dummy", card: .manyToMany)) == Self.requests)
        let ignoring = Self.ignoring("group", "instance", "job", card: .manyToMany)
        #expect(try Self.binary(.and, Self.requests, vectorOne, ignoring) == Self.requests)
        let none = Self.scalar(.equal, [F.sample("{}", -1)], 1)
        #expect(try Self.binary(.and, Self.requests, none, Self.on(card: .manyToMany)).isEmpty)
        #expect(try Self.binary(.or, [], none, Self.setMatching).isEmpty)
        #expect(try Self.binary(.unless, Self.requests, [], Self.setMatching) == Self.requests)
    }

    @Test("or after delayed name removal matches the dropped names as equal")
    func orAfterNegation() throws {
        let metricA = Self.negate([F.sample("metric_a", 1)])
        let metricB = Self.negate([F.sample("metric_b", 3)])
        let result = try Self.binary(.or, metricA, metricB, Self.setMatching)
        #expect(F.matches(result, [("{}", -1)]))
        #expect(result.first?.labels.metricName == "metric_a" && result.first?.dropName == true)
    }

    // MARK: - Grouping modifiers

    static let nodeVar = [F.sample(#"node_var{instance="abc",job="node"}"#, 2)]
    static let nodeRole = [F.sample(#"node_role{instance="abc",job="node",role="prometheus"}"#, 1)]
    static let nodeCPU = F.vector([
        (#"node_cpu{instance="abc",job="node",mode="idle"}"#, 3),
        (#"node_cpu{instance="abc",job="node",mode="user"}"#, 1),
        (#"node_cpu{instance="def",job="node",mode="idle"}"#, 8),
        (#"node_cpu{instance="def",job="node",mode="user"}"#, 2),
    ])

    @Test("group_left and group_right copy labels from the one side")
    func groupModifiers() throws {
        let role: [(String, Double)] = [(#"{instance="abc",job="node",role="prometheus"}"#, 2)]
        #expect(
            F.matches(
                try Self.binary(
                    .multiply, Self.nodeRole, Self.nodeVar, Self.on("instance", card: .oneToMany, include: ["role"])),
                role))
        #expect(
            F.matches(
                try Self.binary(
                    .multiply, Self.nodeVar, Self.nodeRole, Self.on("instance", card: .manyToOne, include: ["role"])),
                role))
        #expect(
            F.matches(
                try Self.binary(
                    .multiply, Self.nodeVar, Self.nodeRole, Self.ignoring("role", card: .manyToOne, include: ["role"])),
                role))
        #expect(
            F.matches(
                try Self.binary(
                    .multiply, Self.nodeRole, Self.nodeVar, Self.ignoring("role", card: .oneToMany, include: ["role"])),
                role))

        let cpuRoles: [(String, Double)] = [
            (#"{instance="abc",job="node",mode="idle",role="prometheus"}"#, 3),
            (#"{instance="abc",job="node",mode="user",role="prometheus"}"#, 1),
        ]
        let ignoringBoth = Self.ignoring("role", "mode", card: .manyToOne, include: ["role"])
        #expect(F.matches(try Self.binary(.multiply, Self.nodeCPU, Self.nodeRole, ignoringBoth), cpuRoles))
        let onInstance = Self.on("instance", card: .manyToOne, include: ["role"])
        #expect(F.matches(try Self.binary(.multiply, Self.nodeCPU, Self.nodeRole, onInstance), cpuRoles))
    }

    @Test("ratios of totals with group_left")
    func ratiosOfTotals() throws {
        let ratios: [(String, Double)] = [
            (#"{instance="abc",job="node",mode="idle"}"#, 0.75), (#"{instance="abc",job="node",mode="user"}"#, 0.25),
            (#"{instance="def",job="node",mode="idle"}"#, 0.80), (#"{instance="def",job="node",mode="user"}"#, 0.20),
        ]
        let byInstanceJob = Self.aggregate(.sum, by: ["instance", "job"], Self.nodeCPU)
        let onInstance = Self.on("instance", card: .manyToOne)
        #expect(F.matches(try Self.binary(.divide, Self.nodeCPU, byInstanceJob, onInstance), ratios))
        let withoutMode = try Aggregation.aggregate(
            .sum, input: Self.nodeCPU, grouping: ["mode"], without: true, parameter: nil, label: nil)
        #expect(
            F.matches(
                try Self.binary(.divide, Self.nodeCPU, withoutMode, Self.ignoring("mode", card: .manyToOne)), ratios))
        let withDummy = Self.ignoring("mode", card: .manyToOne, include: ["dummy"])
        #expect(F.matches(try Self.binary(.divide, Self.nodeCPU, withoutMode, withDummy), ratios))

        let modeJob = Self.aggregate(.sum, by: ["mode", "job"], Self.nodeCPU)
        let job = Self.aggregate(.sum, by: ["job"], Self.nodeCPU)
        let shares = try Self.binary(.divide, modeJob, job, Self.on("job", card: .manyToOne))
        #expect(
            F.matches(
                shares,
                [
                    (#"{job="node",mode="idle"}"#, 0.7857142857142857),
                    (#"{job="node",mode="user"}"#, 0.21428571428571427),
                ]))
        #expect(F.matches(Self.aggregate(.sum, by: [], shares), [("{}", 1)]))

        let withoutInstance = try Aggregation.aggregate(
            .sum, input: Self.nodeCPU, grouping: ["instance"], without: true, parameter: nil, label: nil)
        let withoutBoth = try Aggregation.aggregate(
            .sum, input: Self.nodeCPU, grouping: ["instance", "mode"], without: true, parameter: nil, label: nil)
        let shares2 = try Self.binary(.divide, withoutInstance, withoutBoth, Self.ignoring("mode", card: .manyToOne))
        #expect(
            F.matches(
                shares2,
                [
                    (#"{job="node",mode="idle"}"#, 0.7857142857142857),
                    (#"{job="node",mode="user"}"#, 0.21428571428571427),
                ]))
    }

    @Test("group_left copies labels across jobs, and comparisons keep the many side's name")
    func thresholds() throws {
        let randomZero = Self.scalar(.multiply, [F.sample(#"random{foo="bar"}"#, 1)], 0)
        let copied = try Self.binary(
            .add, Self.nodeCPU, randomZero, Self.on("dummy", card: .manyToOne, include: ["foo"]))
        #expect(
            F.matches(
                copied,
                [
                    (#"{instance="abc",job="node",mode="idle",foo="bar"}"#, 3),
                    (#"{instance="abc",job="node",mode="user",foo="bar"}"#, 1),
                    (#"{instance="def",job="node",mode="idle",foo="bar"}"#, 8),
                    (#"{instance="def",job="node",mode="user",foo="bar"}"#, 2),
                ]))

        let threshold = [F.sample(#"threshold{instance="abc",job="node",target="a@b.com"}"#, 0)]
        let matching = Self.on("job", "instance", card: .manyToOne, include: ["target"])
        #expect(
            F.matches(
                try Self.binary(.greater, Self.nodeCPU, threshold, matching),
                [
                    (#"node_cpu{instance="abc",job="node",mode="idle",target="a@b.com"}"#, 3),
                    (#"node_cpu{instance="abc",job="node",mode="user",target="a@b.com"}"#, 1),
                ]))

        let defaults = Self.scalar(
            .add, Self.scalar(.multiply, Self.aggregate(.sum, by: ["job", "instance"], Self.nodeCPU), 0), 1)
        let thresholds = try Self.binary(.or, threshold, defaults, Self.on("job", "instance", card: .manyToMany))
        #expect(
            F.matches(
                try Self.binary(.greater, Self.nodeCPU, thresholds, matching),
                [
                    (#"node_cpu{instance="abc",job="node",mode="idle",target="a@b.com"}"#, 3),
                    (#"node_cpu{instance="abc",job="node",mode="user",target="a@b.com"}"#, 1),
                    (#"node_cpu{instance="def",job="node",mode="idle"}"#, 8),
                    (#"node_cpu{instance="def",job="node",mode="user"}"#, 2),
                ]))
    }

    @Test("collision.test: count by (...) * on(namespace, pod) group_left(node)")
    func collision() throws {
        let pod = #"namespace="observability",pod="node-exporter-l454v""#
        let node = #"node="gke-search-infra-custom-96-253440-fli-d135b119-jx00""#
        let exporter = #"endpoint="https",instance="10.253.57.87:9100",job="node-exporter",mode="idle""#
        let cpus = F.vector(
            ["10", "35", "89"].map { cpu in
                (#"node_cpu_seconds_total{cpu="\#(cpu)",\#(exporter),\#(pod),service="node-exporter"}"#, 449)
            })
        let info = [F.sample("node_namespace_pod:kube_pod_info:{\(pod),\(node)}", 1)]
        let counts = Self.aggregate(.count, by: ["namespace", "pod", "cpu"], cpus)
        let result = try Self.binary(
            .multiply, counts, info, Self.on("namespace", "pod", card: .manyToOne, include: ["node"]))
        #expect(F.matches(result, ["10", "35", "89"].map { (#"{cpu="\#($0)",\#(pod),\#(node)}"#, 1) }))
        #expect(result.first?.labels.count == 4)
    }

    // MARK: - Errors

    @Test("one-to-one matching of several left elements fails, even when the comparison filters them all")
    func manyToOneMustBeExplicit() {
        let many = F.vector([(#"many_side{label="foo",job="test"}"#, 0), (#"many_side{label="bar",job="test"}"#, 1)])
        let one = [F.sample(#"one_side{job="test"}"#, 1)]
        for op in [BinaryOperator.greater, .greaterOrEqual, .lessOrEqual] {
            #expect(
                throws: QueryError(
                    .execution,
                    "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
                )
            ) {
                try Self.binary(op, many, one, Self.on("job"))
            }
        }
    }

    @Test("duplicates on the one side name the group and both series in sorted order")
    func duplicateSeries() {
        let scalarMetric = [F.sample("scalar_metric", 3)]
        let duplicates = F.vector([(#"dup_metric{label="beta"}"#, 2), (#"dup_metric{label="alpha"}"#, 1)])
        let message =
            #"found duplicate series for the match group {} on the right hand-side of the operation: "#
            + #"[{__name__="dup_metric", label="alpha"}, {__name__="dup_metric", label="beta"}];many-to-many "#
            + #"matching not allowed: matching labels must be unique on one side"#
        #expect(throws: QueryError(.execution, message)) {
            try Self.binary(.greater, scalarMetric, duplicates, Self.on())
        }
        #expect(throws: QueryError(.execution, message)) {
            try Self.binary(.greater, scalarMetric, duplicates.reversed(), Self.on())
        }
        let left = message.replacingOccurrences(of: "right hand-side", with: "left hand-side")
        #expect(throws: QueryError(.execution, left)) {
            try Self.binary(.greater, duplicates, scalarMetric, Self.on(card: .oneToMany))
        }
        let ignoringMessage =
            #"found duplicate series for the match group {job="x"} on the right hand-side of the "#
            + #"operation: [{__name__="m", job="x", l="1"}, {__name__="m", job="x", l="2"}];many-to-many "#
            + #"matching not allowed: matching labels must be unique on one side"#
        let right = F.vector([(#"m{job="x", l="1"}"#, 1), (#"m{job="x", l="2"}"#, 2)])
        #expect(throws: QueryError(.execution, ignoringMessage)) {
            try Self.binary(.add, [F.sample(#"n{job="x"}"#, 1)], right, Self.ignoring("l", card: .manyToOne))
        }
        // Nothing on one side: no error, nothing matches.
        #expect((try? Self.binary(.greater, [], duplicates, Self.on())) == [])
    }

    @Test("grouped matching must give unique result labels")
    func groupingMustBeUnique() throws {
        let lhs = F.vector([(#"a{env="prod",pod="i1",region="r1"}"#, 10), (#"a{env="prod",pod="i1",region="r2"}"#, 20)])
        let rhs = [F.sample(#"b{env="prod"}"#, 100)]
        #expect(
            throws: QueryError(.execution, "multiple matches for labels: grouping labels must ensure unique matches")
        ) {
            try Self.binary(.add, lhs, rhs, Self.on("env", card: .manyToOne, include: ["region"]))
        }
        // The check happens before a comparison filters the elements out.
        #expect(
            throws: QueryError(.execution, "multiple matches for labels: grouping labels must ensure unique matches")
        ) {
            try Self.binary(.greater, lhs, rhs, Self.on("env", card: .manyToOne, include: ["region"]))
        }
        let distinct = try Self.binary(.greater, lhs, rhs, Self.on("env", card: .manyToOne))
        #expect(distinct.isEmpty)
    }

    // MARK: - Delayed name removal

    @Test("elements whose name is being dropped match and carry the flag through comparisons")
    func delayedNames() throws {
        let rates = [F.sample(#"x{job="a"}"#, 5, dropName: true)]
        let other = [F.sample(#"y{job="a"}"#, 1)]
        let compared = try Self.binary(.greater, rates, other)
        #expect(compared.count == 1 && compared[0].dropName && compared[0].labels.metricName == "x")
        let summed = try Self.binary(.add, rates, other)
        #expect(summed.count == 1 && !summed[0].dropName && summed[0].labels.metricName == nil)
        // on(__name__) treats a dropped name as absent.
        let byName = try Self.binary(.and, rates, [F.sample(#"{job="b"}"#, 1)], Self.on("__name__", card: .manyToMany))
        #expect(byName.count == 1)
        let scaled = Self.scalar(.multiply, [F.sample(#"x{job="a"}"#, 2)], 3)
        #expect(scaled == [F.sample(#"x{job="a"}"#, 6, dropName: true)])
    }
}
