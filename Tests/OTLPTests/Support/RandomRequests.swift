import OTLP
import TestSupport

/// Generates random but structurally valid `MetricsRequest`s from a seed, for round-trip properties. Doubles are
/// finite (NaN would break equality) and strings include escapes, non-ASCII text and characters outside the BMP.
struct RandomRequests {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    private static let strings = [
        "", "a", "service.name", "http.request.method", "GET", "quote\"and\\backslash",
        "tab\tnew\nline", "ünïcødé", "日本語", "emoji 🚀", "control \u{01}", "/cart?x=1&y=2",
        "a.very.long.key.that.goes.on.and.on",
    ]

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func bool() -> Bool {
        Bool.random(using: &random)
    }

    private mutating func string() -> String {
        RandomRequests.strings[int(0...RandomRequests.strings.count - 1)]
    }

    private mutating func double() -> Double {
        switch int(0...4) {
        case 0: return 0
        case 1: return Double(int(-1000...1000)) / 8
        case 2: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
        case 3: return -Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
        default: return Double.random(in: -1e9...1e9, using: &random)
        }
    }

    private mutating func uint64() -> UInt64 {
        switch int(0...2) {
        case 0: return UInt64(int(0...100))
        case 1: return random.next()
        default: return 1_700_000_000_000_000_000 &+ UInt64(int(0...1_000_000_000))
        }
    }

    private mutating func anyValue(depth: Int) -> AnyValue {
        switch int(0...(depth > 2 ? 5 : 7)) {
        case 0: return .empty
        case 1: return .string(string())
        case 2: return .bool(bool())
        case 3: return .int(Int64(bitPattern: random.next()))
        case 4: return .double(double())
        case 5: return .bytes((0..<int(0...20)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        case 6: return .array((0..<int(0...3)).map { _ in anyValue(depth: depth + 1) })
        default: return .keyValueList(attributes(depth: depth + 1))
        }
    }

    private mutating func attributes(depth: Int = 0) -> [KeyValue] {
        (0..<int(0...4)).map { _ in KeyValue(key: string(), value: anyValue(depth: depth)) }
    }

    private mutating func temporality() -> MetricsRequest.AggregationTemporality {
        .init(rawValue: Int32(int(0...3)))
    }

    private mutating func flags() -> MetricsRequest.DataPointFlags {
        .init(rawValue: UInt32(int(0...3)))
    }

    private mutating func exemplars() -> [MetricsRequest.Exemplar] {
        (0..<int(0...1)).map { _ in
            MetricsRequest.Exemplar(
                filteredAttributes: attributes(), timeUnixNano: uint64(),
                value: bool() ? .double(double()) : .int(Int64(bitPattern: random.next())),
                spanID: (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) },
                traceID: (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
    }

    private mutating func numberPoints() -> [MetricsRequest.NumberDataPoint] {
        (0..<int(0...3)).map { _ in
            let value: MetricsRequest.NumberValue?
            switch int(0...2) {
            case 0: value = nil
            case 1: value = .double(double())
            default: value = .int(Int64(bitPattern: random.next()))
            }
            return MetricsRequest.NumberDataPoint(
                attributes: attributes(), startTimeUnixNano: uint64(),
                timeUnixNano: uint64(), value: value, exemplars: exemplars(), flags: flags())
        }
    }

    private mutating func buckets() -> MetricsRequest.ExponentialHistogramDataPoint.Buckets {
        .init(offset: Int32(int(-200...200)), bucketCounts: (0..<int(0...6)).map { _ in uint64() })
    }

    private mutating func metricData() -> MetricsRequest.Metric.Data? {
        switch int(0...5) {
        case 0:
            return .gauge(.init(dataPoints: numberPoints()))
        case 1:
            return .sum(.init(dataPoints: numberPoints(), aggregationTemporality: temporality(), isMonotonic: bool()))
        case 2:
            let points = (0..<int(0...3)).map { _ in
                let bounds = (0..<int(0...5)).map { Double($0) * 0.5 }
                return MetricsRequest.HistogramDataPoint(
                    attributes: attributes(), startTimeUnixNano: uint64(),
                    timeUnixNano: uint64(), count: uint64(), sum: bool() ? double() : nil,
                    bucketCounts: (0..<(bounds.count + int(0...1))).map { _ in uint64() }, explicitBounds: bounds,
                    exemplars: exemplars(), flags: flags(), min: bool() ? double() : nil,
                    max: bool() ? double() : nil)
            }
            return .histogram(.init(dataPoints: points, aggregationTemporality: temporality()))
        case 3:
            let points = (0..<int(0...3)).map { _ in
                MetricsRequest.ExponentialHistogramDataPoint(
                    attributes: attributes(), startTimeUnixNano: uint64(),
                    timeUnixNano: uint64(), count: uint64(), sum: bool() ? double() : nil,
                    scale: Int32(int(-12...22)), zeroCount: uint64(),
                    positive: buckets(), negative: buckets(),
                    flags: flags(), exemplars: exemplars(), min: bool() ? double() : nil,
                    max: bool() ? double() : nil, zeroThreshold: bool() ? 0 : abs(double()))
            }
            return .exponentialHistogram(.init(dataPoints: points, aggregationTemporality: temporality()))
        case 4:
            let points = (0..<int(0...3)).map { _ in
                MetricsRequest.SummaryDataPoint(
                    attributes: attributes(), startTimeUnixNano: uint64(),
                    timeUnixNano: uint64(), count: uint64(), sum: double(),
                    quantileValues: (0..<int(0...3)).map { _ in .init(quantile: double(), value: double()) },
                    flags: flags())
            }
            return .summary(.init(dataPoints: points))
        default:
            return nil
        }
    }

    /// A random request.
    mutating func request() -> MetricsRequest {
        MetricsRequest(
            resourceMetrics: (0..<int(0...2)).map { _ in
                MetricsRequest.ResourceMetrics(
                    resource: Resource(attributes: attributes(), droppedAttributesCount: UInt32(int(0...3))),
                    scopeMetrics: (0..<int(0...2)).map { _ in
                        MetricsRequest.ScopeMetrics(
                            scope: InstrumentationScope(
                                name: string(), version: string(), attributes: attributes(),
                                droppedAttributesCount: UInt32(int(0...3))),
                            metrics: (0..<int(0...3)).map { _ in
                                MetricsRequest.Metric(
                                    name: string(), description: string(), unit: string(),
                                    data: metricData(), metadata: attributes())
                            },
                            schemaURL: string())
                    },
                    schemaURL: string())
            })
    }
}
