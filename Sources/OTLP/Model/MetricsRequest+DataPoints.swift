extension MetricsRequest {
    /// The `DataPointFlags` bitmask carried in every data point's `flags` field.
    public struct DataPointFlags: OptionSet, Sendable, Hashable {
        /// The bits.
        public var rawValue: UInt32

        /// Creates flags from their bits.
        public init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        /// `FLAG_NO_RECORDED_VALUE` (bit 0): the point marks an explicitly missing value, OTLP's staleness marker.
        public static let noRecordedValue = DataPointFlags(rawValue: 1)
    }

    /// The value of a number data point or exemplar: the `value` oneof.
    public enum NumberValue: Sendable, Hashable {
        /// `as_double`.
        case double(Double)
        /// `as_int` (sfixed64).
        case int(Int64)

        /// The value as a float; integers convert to the nearest double.
        public var doubleValue: Double {
            switch self {
            case .double(let value): value
            case .int(let value): Double(value)
            }
        }
    }

    /// `NumberDataPoint`: one value of a gauge or sum.
    public struct NumberDataPoint: Sendable, Hashable {
        /// The point's attributes (field 7).
        public var attributes: [KeyValue]
        /// The start of the aggregation interval in ns since the epoch, 0 when unknown (field 2, fixed64).
        public var startTimeUnixNano: UInt64
        /// The observation time in ns since the epoch (field 3, fixed64).
        public var timeUnixNano: UInt64
        /// The value (fields 4 and 6); nil when neither is set.
        public var value: NumberValue?
        /// Exemplars (field 5).
        public var exemplars: [Exemplar]
        /// Flags (field 8).
        public var flags: DataPointFlags

        /// Creates a point.
        public init(
            attributes: [KeyValue] = [], startTimeUnixNano: UInt64 = 0, timeUnixNano: UInt64 = 0,
            value: NumberValue? = nil, exemplars: [Exemplar] = [], flags: DataPointFlags = []
        ) {
            self.attributes = attributes
            self.startTimeUnixNano = startTimeUnixNano
            self.timeUnixNano = timeUnixNano
            self.value = value
            self.exemplars = exemplars
            self.flags = flags
        }
    }

    /// `HistogramDataPoint`: one explicit-bucket histogram.
    public struct HistogramDataPoint: Sendable, Hashable {
        /// The point's attributes (field 9).
        public var attributes: [KeyValue]
        /// The start of the aggregation interval in ns (field 2).
        public var startTimeUnixNano: UInt64
        /// The observation time in ns (field 3).
        public var timeUnixNano: UInt64
        /// The number of observations (field 4).
        public var count: UInt64
        /// The sum of observations (field 5, optional).
        public var sum: Double?
        /// The count in each bucket, not cumulative (field 6, packed fixed64).
        public var bucketCounts: [UInt64]
        /// The bucket upper bounds, strictly increasing (field 7, packed double).
        public var explicitBounds: [Double]
        /// Exemplars (field 8).
        public var exemplars: [Exemplar]
        /// Flags (field 10).
        public var flags: DataPointFlags
        /// The smallest observation (field 11, optional).
        public var min: Double?
        /// The largest observation (field 12, optional).
        public var max: Double?

        /// Creates a point.
        public init(
            attributes: [KeyValue] = [], startTimeUnixNano: UInt64 = 0, timeUnixNano: UInt64 = 0,
            count: UInt64 = 0, sum: Double? = nil, bucketCounts: [UInt64] = [], explicitBounds: [Double] = [],
            exemplars: [Exemplar] = [], flags: DataPointFlags = [], min: Double? = nil, max: Double? = nil
        ) {
            self.attributes = attributes
            self.startTimeUnixNano = startTimeUnixNano
            self.timeUnixNano = timeUnixNano
            self.count = count
            self.sum = sum
            self.bucketCounts = bucketCounts
            self.explicitBounds = explicitBounds
            self.exemplars = exemplars
            self.flags = flags
            self.min = min
            self.max = max
        }
    }

    /// `ExponentialHistogramDataPoint`: one base-2 exponential histogram.
    public struct ExponentialHistogramDataPoint: Sendable, Hashable {
        /// The point's attributes (field 1).
        public var attributes: [KeyValue]
        /// The start of the aggregation interval in ns (field 2).
        public var startTimeUnixNano: UInt64
        /// The observation time in ns (field 3).
        public var timeUnixNano: UInt64
        /// The number of observations (field 4).
        public var count: UInt64
        /// The sum of observations (field 5, optional).
        public var sum: Double?
        /// The resolution: bucket boundaries are powers of `2^(2^-scale)` (field 6, sint32).
        public var scale: Int32
        /// Observations in the zero bucket `[-zeroThreshold, zeroThreshold]` (field 7).
        public var zeroCount: UInt64
        /// Buckets of positive observations (field 8).
        public var positive: Buckets
        /// Buckets of negative observations, indexed by absolute value (field 9).
        public var negative: Buckets
        /// Flags (field 10).
        public var flags: DataPointFlags
        /// Exemplars (field 11).
        public var exemplars: [Exemplar]
        /// The smallest observation (field 12, optional).
        public var min: Double?
        /// The largest observation (field 13, optional).
        public var max: Double?
        /// The upper bound of the zero bucket's absolute values (field 14).
        public var zeroThreshold: Double

        /// Creates a point.
        public init(
            attributes: [KeyValue] = [], startTimeUnixNano: UInt64 = 0, timeUnixNano: UInt64 = 0,
            count: UInt64 = 0, sum: Double? = nil, scale: Int32 = 0, zeroCount: UInt64 = 0,
            positive: Buckets = Buckets(), negative: Buckets = Buckets(), flags: DataPointFlags = [],
            exemplars: [Exemplar] = [], min: Double? = nil, max: Double? = nil, zeroThreshold: Double = 0
        ) {
            self.attributes = attributes
            self.startTimeUnixNano = startTimeUnixNano
            self.timeUnixNano = timeUnixNano
            self.count = count
            self.sum = sum
            self.scale = scale
            self.zeroCount = zeroCount
            self.positive = positive
            self.negative = negative
            self.flags = flags
            self.exemplars = exemplars
            self.min = min
            self.max = max
            self.zeroThreshold = zeroThreshold
        }

        /// `ExponentialHistogramDataPoint.Buckets`: a dense run of bucket counts.
        public struct Buckets: Sendable, Hashable {
            /// The bucket index of `bucketCounts[0]` (field 1, sint32).
            public var offset: Int32
            /// Counts of consecutive buckets (field 2, packed uint64 varints).
            public var bucketCounts: [UInt64]

            /// Creates buckets.
            public init(offset: Int32 = 0, bucketCounts: [UInt64] = []) {
                self.offset = offset
                self.bucketCounts = bucketCounts
            }
        }
    }

    /// `SummaryDataPoint`: precomputed quantiles.
    public struct SummaryDataPoint: Sendable, Hashable {
        /// The point's attributes (field 7).
        public var attributes: [KeyValue]
        /// The start of the aggregation interval in ns (field 2).
        public var startTimeUnixNano: UInt64
        /// The observation time in ns (field 3).
        public var timeUnixNano: UInt64
        /// The number of observations (field 4).
        public var count: UInt64
        /// The sum of observations (field 5).
        public var sum: Double
        /// The quantiles (field 6).
        public var quantileValues: [ValueAtQuantile]
        /// Flags (field 8).
        public var flags: DataPointFlags

        /// Creates a point.
        public init(
            attributes: [KeyValue] = [], startTimeUnixNano: UInt64 = 0, timeUnixNano: UInt64 = 0,
            count: UInt64 = 0, sum: Double = 0, quantileValues: [ValueAtQuantile] = [], flags: DataPointFlags = []
        ) {
            self.attributes = attributes
            self.startTimeUnixNano = startTimeUnixNano
            self.timeUnixNano = timeUnixNano
            self.count = count
            self.sum = sum
            self.quantileValues = quantileValues
            self.flags = flags
        }

        /// `SummaryDataPoint.ValueAtQuantile`.
        public struct ValueAtQuantile: Sendable, Hashable {
            /// The quantile in [0, 1] (field 1).
            public var quantile: Double
            /// The value at that quantile (field 2).
            public var value: Double

            /// Creates a quantile value.
            public init(quantile: Double = 0, value: Double = 0) {
                self.quantile = quantile
                self.value = value
            }
        }
    }

    /// `Exemplar`: a sample observation with trace context. Decoded for completeness; not translated.
    public struct Exemplar: Sendable, Hashable {
        /// Attributes filtered out of the point's attributes (field 7).
        public var filteredAttributes: [KeyValue]
        /// The observation time in ns (field 2).
        public var timeUnixNano: UInt64
        /// The value (fields 3 and 6).
        public var value: NumberValue?
        /// The span id, 8 bytes (field 4).
        public var spanID: [UInt8]
        /// The trace id, 16 bytes (field 5).
        public var traceID: [UInt8]

        /// Creates an exemplar.
        public init(
            filteredAttributes: [KeyValue] = [], timeUnixNano: UInt64 = 0, value: NumberValue? = nil,
            spanID: [UInt8] = [], traceID: [UInt8] = []
        ) {
            self.filteredAttributes = filteredAttributes
            self.timeUnixNano = timeUnixNano
            self.value = value
            self.spanID = spanID
            self.traceID = traceID
        }
    }
}
