/// Decoders for `collector/metrics/v1/metrics_service.proto` and `metrics/v1/metrics.proto`.
///
/// Field numbers and wire types follow reference/otlp.md §3. A known field that arrives with an unexpected wire type
/// is skipped like an unknown field, except for the three packed fields, which accept both the packed (LEN) and the
/// unpacked encoding, including several packed records for one field.
extension ProtobufReader {
    /// `ExportMetricsServiceRequest`: 1 resource_metrics.
    mutating func decodeRequest() throws(OTLPDecodeError) -> MetricsRequest {
        var request = MetricsRequest()
        let end = bytes.count
        while position < end {
            let (field, wireType) = try readTag(end: end)
            if field == 1, wireType == .len {
                let messageEnd = try readLength(field: field, end: end)
                var resourceMetrics = MetricsRequest.ResourceMetrics()
                try decodeResourceMetrics(into: &resourceMetrics, end: messageEnd, depth: 2)
                request.resourceMetrics.append(resourceMetrics)
            } else {
                try skipField(field, wireType: wireType, end: end)
            }
        }
        return request
    }

    /// `ResourceMetrics`: 1 resource, 2 scope_metrics, 3 schema_url, and the pre-1.0 field 1000
    /// (`instrumentation_library_metrics`, laid out like ScopeMetrics), used when field 2 is empty.
    mutating func decodeResourceMetrics(
        into resourceMetrics: inout MetricsRequest.ResourceMetrics, end: Int,
        depth: Int
    ) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            var legacy: [MetricsRequest.ScopeMetrics] = []
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeResource(into: &resourceMetrics.resource, end: messageEnd, depth: depth + 1)
                case (2, .len), (1000, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    var scopeMetrics = MetricsRequest.ScopeMetrics()
                    try decodeScopeMetrics(into: &scopeMetrics, end: messageEnd, depth: depth + 1)
                    if field == 2 {
                        resourceMetrics.scopeMetrics.append(scopeMetrics)
                    } else {
                        legacy.append(scopeMetrics)
                    }
                case (3, .len):
                    resourceMetrics.schemaURL = try readString(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
            if resourceMetrics.scopeMetrics.isEmpty { resourceMetrics.scopeMetrics = legacy }
        } catch {
            throw error.within("ResourceMetrics")
        }
    }

    /// `ScopeMetrics`: 1 scope, 2 metrics, 3 schema_url.
    mutating func decodeScopeMetrics(into scopeMetrics: inout MetricsRequest.ScopeMetrics, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeScope(into: &scopeMetrics.scope, end: messageEnd, depth: depth + 1)
                case (2, .len):
                    try countMetric()
                    let messageEnd = try readLength(field: field, end: end)
                    var metric = MetricsRequest.Metric()
                    try decodeMetric(into: &metric, end: messageEnd, depth: depth + 1)
                    scopeMetrics.metrics.append(metric)
                case (3, .len):
                    scopeMetrics.schemaURL = try readString(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("ScopeMetrics")
        }
    }

    /// `Metric`: 1 name, 2 description, 3 unit, the `data` oneof (5 gauge, 7 sum, 9 histogram,
    /// 10 exponential_histogram, 11 summary) and 12 metadata. Reserved fields 4, 6 and 8 are skipped.
    mutating func decodeMetric(into metric: inout MetricsRequest.Metric, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    metric.name = try readString(field: field, end: end)
                case (2, .len):
                    metric.description = try readString(field: field, end: end)
                case (3, .len):
                    metric.unit = try readString(field: field, end: end)
                case (5, .len):
                    var gauge = MetricsRequest.Gauge()
                    if case .gauge(let existing) = metric.data { gauge = existing }
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeGauge(into: &gauge, end: messageEnd, depth: depth + 1)
                    metric.data = .gauge(gauge)
                case (7, .len):
                    var sum = MetricsRequest.Sum()
                    if case .sum(let existing) = metric.data { sum = existing }
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeSum(into: &sum, end: messageEnd, depth: depth + 1)
                    metric.data = .sum(sum)
                case (9, .len):
                    var histogram = MetricsRequest.Histogram()
                    if case .histogram(let existing) = metric.data { histogram = existing }
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeHistogram(into: &histogram, end: messageEnd, depth: depth + 1)
                    metric.data = .histogram(histogram)
                case (10, .len):
                    var histogram = MetricsRequest.ExponentialHistogram()
                    if case .exponentialHistogram(let existing) = metric.data { histogram = existing }
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeExponentialHistogram(into: &histogram, end: messageEnd, depth: depth + 1)
                    metric.data = .exponentialHistogram(histogram)
                case (11, .len):
                    var summary = MetricsRequest.Summary()
                    if case .summary(let existing) = metric.data { summary = existing }
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeSummary(into: &summary, end: messageEnd, depth: depth + 1)
                    metric.data = .summary(summary)
                case (12, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &metric.metadata)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Metric")
        }
    }

    // MARK: - Data containers

    /// `Gauge`: 1 data_points.
    mutating func decodeGauge(into gauge: inout MetricsRequest.Gauge, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                if field == 1, wireType == .len {
                    try appendNumberDataPoint(field: field, end: end, depth: depth + 1, to: &gauge.dataPoints)
                } else {
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Gauge")
        }
    }

    /// `Sum`: 1 data_points, 2 aggregation_temporality, 3 is_monotonic.
    mutating func decodeSum(into sum: inout MetricsRequest.Sum, end: Int, depth: Int) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    try appendNumberDataPoint(field: field, end: end, depth: depth + 1, to: &sum.dataPoints)
                case (2, .varint):
                    sum.aggregationTemporality = .init(rawValue: Int32(bitPattern: try readVarint32(end: end)))
                case (3, .varint):
                    sum.isMonotonic = try readVarint(end: end) != 0
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Sum")
        }
    }

    /// `Histogram`: 1 data_points, 2 aggregation_temporality.
    mutating func decodeHistogram(into histogram: inout MetricsRequest.Histogram, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    try countDataPoint()
                    let messageEnd = try readLength(field: field, end: end)
                    var point = MetricsRequest.HistogramDataPoint()
                    try decodeHistogramDataPoint(into: &point, end: messageEnd, depth: depth + 1)
                    histogram.dataPoints.append(point)
                case (2, .varint):
                    histogram.aggregationTemporality = .init(rawValue: Int32(bitPattern: try readVarint32(end: end)))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Histogram")
        }
    }

    /// `ExponentialHistogram`: 1 data_points, 2 aggregation_temporality.
    mutating func decodeExponentialHistogram(
        into histogram: inout MetricsRequest.ExponentialHistogram, end: Int,
        depth: Int
    ) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    try countDataPoint()
                    let messageEnd = try readLength(field: field, end: end)
                    var point = MetricsRequest.ExponentialHistogramDataPoint()
                    try decodeExponentialHistogramDataPoint(into: &point, end: messageEnd, depth: depth + 1)
                    histogram.dataPoints.append(point)
                case (2, .varint):
                    histogram.aggregationTemporality = .init(rawValue: Int32(bitPattern: try readVarint32(end: end)))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("ExponentialHistogram")
        }
    }

    /// `Summary`: 1 data_points.
    mutating func decodeSummary(into summary: inout MetricsRequest.Summary, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                if field == 1, wireType == .len {
                    try countDataPoint()
                    let messageEnd = try readLength(field: field, end: end)
                    var point = MetricsRequest.SummaryDataPoint()
                    try decodeSummaryDataPoint(into: &point, end: messageEnd, depth: depth + 1)
                    summary.dataPoints.append(point)
                } else {
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Summary")
        }
    }

    // MARK: - Data points

    /// Decodes the length-delimited `NumberDataPoint` that follows and appends it to `points`.
    private mutating func appendNumberDataPoint(
        field: UInt32, end: Int, depth: Int,
        to points: inout [MetricsRequest.NumberDataPoint]
    ) throws(OTLPDecodeError) {
        try countDataPoint()
        let messageEnd = try readLength(field: field, end: end)
        var point = MetricsRequest.NumberDataPoint()
        try decodeNumberDataPoint(into: &point, end: messageEnd, depth: depth)
        points.append(point)
    }

    /// `NumberDataPoint`: 7 attributes, 2 start_time_unix_nano, 3 time_unix_nano, 4 as_double, 6 as_int,
    /// 5 exemplars, 8 flags.
    mutating func decodeNumberDataPoint(into point: inout MetricsRequest.NumberDataPoint, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (7, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &point.attributes)
                case (2, .i64):
                    point.startTimeUnixNano = try readFixed64(field: field, end: end)
                case (3, .i64):
                    point.timeUnixNano = try readFixed64(field: field, end: end)
                case (4, .i64):
                    point.value = .double(try readDouble(field: field, end: end))
                case (6, .i64):
                    point.value = .int(Int64(bitPattern: try readFixed64(field: field, end: end)))
                case (5, .len):
                    try appendExemplar(field: field, end: end, depth: depth + 1, to: &point.exemplars)
                case (8, .varint):
                    point.flags = .init(rawValue: try readVarint32(end: end))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("NumberDataPoint")
        }
    }

    /// `HistogramDataPoint`: 9 attributes, 2 start, 3 time, 4 count, 5 sum, 6 bucket_counts (packed fixed64),
    /// 7 explicit_bounds (packed double), 8 exemplars, 10 flags, 11 min, 12 max.
    mutating func decodeHistogramDataPoint(into point: inout MetricsRequest.HistogramDataPoint, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (9, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &point.attributes)
                case (2, .i64):
                    point.startTimeUnixNano = try readFixed64(field: field, end: end)
                case (3, .i64):
                    point.timeUnixNano = try readFixed64(field: field, end: end)
                case (4, .i64):
                    point.count = try readFixed64(field: field, end: end)
                case (5, .i64):
                    point.sum = try readDouble(field: field, end: end)
                case (6, .len):
                    try readPackedFixed64(field: field, end: end, into: &point.bucketCounts)
                case (6, .i64):
                    point.bucketCounts.append(try readFixed64(field: field, end: end))
                case (7, .len):
                    try readPackedDouble(field: field, end: end, into: &point.explicitBounds)
                case (7, .i64):
                    point.explicitBounds.append(try readDouble(field: field, end: end))
                case (8, .len):
                    try appendExemplar(field: field, end: end, depth: depth + 1, to: &point.exemplars)
                case (10, .varint):
                    point.flags = .init(rawValue: try readVarint32(end: end))
                case (11, .i64):
                    point.min = try readDouble(field: field, end: end)
                case (12, .i64):
                    point.max = try readDouble(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("HistogramDataPoint")
        }
    }

    /// `ExponentialHistogramDataPoint`: 1 attributes, 2 start, 3 time, 4 count, 5 sum, 6 scale (sint32),
    /// 7 zero_count, 8 positive, 9 negative, 10 flags, 11 exemplars, 12 min, 13 max, 14 zero_threshold.
    mutating func decodeExponentialHistogramDataPoint(
        into point: inout MetricsRequest.ExponentialHistogramDataPoint,
        end: Int, depth: Int
    ) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &point.attributes)
                case (2, .i64):
                    point.startTimeUnixNano = try readFixed64(field: field, end: end)
                case (3, .i64):
                    point.timeUnixNano = try readFixed64(field: field, end: end)
                case (4, .i64):
                    point.count = try readFixed64(field: field, end: end)
                case (5, .i64):
                    point.sum = try readDouble(field: field, end: end)
                case (6, .varint):
                    point.scale = try readSInt32(end: end)
                case (7, .i64):
                    point.zeroCount = try readFixed64(field: field, end: end)
                case (8, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeBuckets(into: &point.positive, end: messageEnd, depth: depth + 1)
                case (9, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    try decodeBuckets(into: &point.negative, end: messageEnd, depth: depth + 1)
                case (10, .varint):
                    point.flags = .init(rawValue: try readVarint32(end: end))
                case (11, .len):
                    try appendExemplar(field: field, end: end, depth: depth + 1, to: &point.exemplars)
                case (12, .i64):
                    point.min = try readDouble(field: field, end: end)
                case (13, .i64):
                    point.max = try readDouble(field: field, end: end)
                case (14, .i64):
                    point.zeroThreshold = try readDouble(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("ExponentialHistogramDataPoint")
        }
    }

    /// `ExponentialHistogramDataPoint.Buckets`: 1 offset (sint32), 2 bucket_counts (packed uint64 varints).
    mutating func decodeBuckets(
        into buckets: inout MetricsRequest.ExponentialHistogramDataPoint.Buckets, end: Int,
        depth: Int
    ) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .varint):
                    buckets.offset = try readSInt32(end: end)
                case (2, .len):
                    try readPackedVarint(field: field, end: end, into: &buckets.bucketCounts)
                case (2, .varint):
                    buckets.bucketCounts.append(try readVarint(end: end))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Buckets")
        }
    }

    /// `SummaryDataPoint`: 7 attributes, 2 start, 3 time, 4 count, 5 sum, 6 quantile_values, 8 flags.
    mutating func decodeSummaryDataPoint(into point: inout MetricsRequest.SummaryDataPoint, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (7, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &point.attributes)
                case (2, .i64):
                    point.startTimeUnixNano = try readFixed64(field: field, end: end)
                case (3, .i64):
                    point.timeUnixNano = try readFixed64(field: field, end: end)
                case (4, .i64):
                    point.count = try readFixed64(field: field, end: end)
                case (5, .i64):
                    point.sum = try readDouble(field: field, end: end)
                case (6, .len):
                    let messageEnd = try readLength(field: field, end: end)
                    var quantile = MetricsRequest.SummaryDataPoint.ValueAtQuantile()
                    try decodeValueAtQuantile(into: &quantile, end: messageEnd, depth: depth + 1)
                    point.quantileValues.append(quantile)
                case (8, .varint):
                    point.flags = .init(rawValue: try readVarint32(end: end))
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("SummaryDataPoint")
        }
    }

    /// `SummaryDataPoint.ValueAtQuantile`: 1 quantile, 2 value.
    mutating func decodeValueAtQuantile(
        into quantile: inout MetricsRequest.SummaryDataPoint.ValueAtQuantile,
        end: Int, depth: Int
    ) throws(OTLPDecodeError) {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (1, .i64):
                    quantile.quantile = try readDouble(field: field, end: end)
                case (2, .i64):
                    quantile.value = try readDouble(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("ValueAtQuantile")
        }
    }

    /// Decodes the length-delimited `Exemplar` that follows and appends it to `exemplars`.
    private mutating func appendExemplar(
        field: UInt32, end: Int, depth: Int,
        to exemplars: inout [MetricsRequest.Exemplar]
    ) throws(OTLPDecodeError) {
        let messageEnd = try readLength(field: field, end: end)
        var exemplar = MetricsRequest.Exemplar()
        try decodeExemplar(into: &exemplar, end: messageEnd, depth: depth)
        exemplars.append(exemplar)
    }

    /// `Exemplar`: 7 filtered_attributes, 2 time_unix_nano, 3 as_double, 6 as_int, 4 span_id, 5 trace_id.
    mutating func decodeExemplar(into exemplar: inout MetricsRequest.Exemplar, end: Int, depth: Int)
        throws(OTLPDecodeError)
    {
        do throws(OTLPDecodeError) {
            try checkDepth(depth)
            while position < end {
                let (field, wireType) = try readTag(end: end)
                switch (field, wireType) {
                case (7, .len):
                    try appendKeyValue(field: field, end: end, depth: depth + 1, to: &exemplar.filteredAttributes)
                case (2, .i64):
                    exemplar.timeUnixNano = try readFixed64(field: field, end: end)
                case (3, .i64):
                    exemplar.value = .double(try readDouble(field: field, end: end))
                case (6, .i64):
                    exemplar.value = .int(Int64(bitPattern: try readFixed64(field: field, end: end)))
                case (4, .len):
                    exemplar.spanID = try readBytes(field: field, end: end)
                case (5, .len):
                    exemplar.traceID = try readBytes(field: field, end: end)
                default:
                    try skipField(field, wireType: wireType, end: end)
                }
            }
        } catch {
            throw error.within("Exemplar")
        }
    }
}
