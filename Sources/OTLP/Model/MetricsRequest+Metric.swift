extension MetricsRequest {
    /// One metric: `Metric`, with its name, unit and data of one kind.
    public struct Metric: Sendable, Hashable {
        /// The OTLP metric name (field 1), e.g. `process.runtime.nodejs.memory.heap_used`.
        public var name: String
        /// The description (field 2).
        public var description: String
        /// The UCUM unit (field 3), e.g. `s`, `By`, `1`, `{request}`.
        public var unit: String
        /// The data (oneof `data`, fields 5, 7, 9, 10, 11); nil when no member was set, which is invalid.
        public var data: Data?
        /// Optional metadata hints (field 12).
        public var metadata: [KeyValue]

        /// Creates a metric.
        public init(
            name: String = "", description: String = "", unit: String = "", data: Data? = nil,
            metadata: [KeyValue] = []
        ) {
            self.name = name
            self.description = description
            self.unit = unit
            self.data = data
            self.metadata = metadata
        }

        /// The data of a metric: the `data` oneof.
        public enum Data: Sendable, Hashable {
            /// `gauge` (field 5).
            case gauge(Gauge)
            /// `sum` (field 7).
            case sum(Sum)
            /// `histogram` (field 9).
            case histogram(Histogram)
            /// `exponential_histogram` (field 10).
            case exponentialHistogram(ExponentialHistogram)
            /// `summary` (field 11).
            case summary(Summary)

            /// The number of data points.
            public var dataPointCount: Int {
                switch self {
                case .gauge(let gauge): gauge.dataPoints.count
                case .sum(let sum): sum.dataPoints.count
                case .histogram(let histogram): histogram.dataPoints.count
                case .exponentialHistogram(let histogram): histogram.dataPoints.count
                case .summary(let summary): summary.dataPoints.count
                }
            }
        }
    }

    /// How the values of a sum or histogram relate over time: `AggregationTemporality`.
    ///
    /// A struct rather than an enum so that values unknown to this decoder survive decoding (and are rejected when
    /// translated).
    public struct AggregationTemporality: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The enum number.
        public var rawValue: Int32

        /// Creates a temporality from its enum number.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `AGGREGATION_TEMPORALITY_UNSPECIFIED` (0): must not be used.
        public static let unspecified = AggregationTemporality(rawValue: 0)
        /// `AGGREGATION_TEMPORALITY_DELTA` (1): each point covers only its own interval.
        public static let delta = AggregationTemporality(rawValue: 1)
        /// `AGGREGATION_TEMPORALITY_CUMULATIVE` (2): each point covers everything since the start time.
        public static let cumulative = AggregationTemporality(rawValue: 2)

        /// The proto enum value name, or the number when unknown.
        public var description: String {
            switch rawValue {
            case 0: "AGGREGATION_TEMPORALITY_UNSPECIFIED"
            case 1: "AGGREGATION_TEMPORALITY_DELTA"
            case 2: "AGGREGATION_TEMPORALITY_CUMULATIVE"
            default: String(rawValue)
            }
        }
    }

    /// `Gauge`: sampled values.
    public struct Gauge: Sendable, Hashable {
        /// The points (field 1).
        public var dataPoints: [NumberDataPoint]

        /// Creates a gauge.
        public init(dataPoints: [NumberDataPoint] = []) {
            self.dataPoints = dataPoints
        }
    }

    /// `Sum`: a counter (monotonic) or an up-down counter.
    public struct Sum: Sendable, Hashable {
        /// The points (field 1).
        public var dataPoints: [NumberDataPoint]
        /// Delta or cumulative (field 2).
        public var aggregationTemporality: AggregationTemporality
        /// Whether the sum only goes up (field 3).
        public var isMonotonic: Bool

        /// Creates a sum.
        public init(
            dataPoints: [NumberDataPoint] = [], aggregationTemporality: AggregationTemporality = .unspecified,
            isMonotonic: Bool = false
        ) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
            self.isMonotonic = isMonotonic
        }
    }

    /// `Histogram`: explicit-bucket histograms.
    public struct Histogram: Sendable, Hashable {
        /// The points (field 1).
        public var dataPoints: [HistogramDataPoint]
        /// Delta or cumulative (field 2).
        public var aggregationTemporality: AggregationTemporality

        /// Creates a histogram.
        public init(
            dataPoints: [HistogramDataPoint] = [],
            aggregationTemporality: AggregationTemporality = .unspecified
        ) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
        }
    }

    /// `ExponentialHistogram`: base-2 exponential-bucket histograms.
    public struct ExponentialHistogram: Sendable, Hashable {
        /// The points (field 1).
        public var dataPoints: [ExponentialHistogramDataPoint]
        /// Delta or cumulative (field 2).
        public var aggregationTemporality: AggregationTemporality

        /// Creates an exponential histogram.
        public init(
            dataPoints: [ExponentialHistogramDataPoint] = [],
            aggregationTemporality: AggregationTemporality = .unspecified
        ) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
        }
    }

    /// `Summary`: precomputed quantiles with a cumulative count and sum.
    public struct Summary: Sendable, Hashable {
        /// The points (field 1).
        public var dataPoints: [SummaryDataPoint]

        /// Creates a summary.
        public init(dataPoints: [SummaryDataPoint] = []) {
            self.dataPoints = dataPoints
        }
    }
}
