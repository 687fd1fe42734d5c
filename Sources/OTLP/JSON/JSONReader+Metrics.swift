/// Decoders for the OTLP/JSON form of `ExportMetricsServiceRequest` (reference/otlp.md §5).
///
/// Keys are accepted in lowerCamelCase and snake_case; 64-bit integers as strings or numbers; enums as numbers or as
/// their proto names; unknown keys are skipped; `null` leaves a field unset.
extension JSONReader {
    /// Reads the whole body as an `ExportMetricsServiceRequest`.
    mutating func readRequest() throws(OTLPDecodeError) -> MetricsRequest {
        var request = MetricsRequest()
        try beginObject(depth: 1)
        var first = true
        while let key = try nextKey(first: &first) {
            if try consumeNull() { continue }
            switch key {
            case "resourceMetrics", "resource_metrics":
                request.resourceMetrics = try readArray(depth: 2) { reader, depth throws(OTLPDecodeError) in
                    try reader.readResourceMetrics(depth: depth)
                }
            default:
                try skipValue(depth: 2)
            }
        }
        try expectEnd()
        return request
    }

    /// Reads an array whose elements `element` decodes.
    mutating func readArray<Element>(
        depth: Int,
        _ element: (inout JSONReader, Int) throws(OTLPDecodeError) -> Element
    ) throws(OTLPDecodeError) -> [Element] {
        var result: [Element] = []
        try beginArray(depth: depth)
        var first = true
        while try nextElement(first: &first) { result.append(try element(&self, depth + 1)) }
        return result
    }

    /// `ResourceMetrics`: `resource`, `scopeMetrics`, `schemaUrl`, and the pre-1.0 `instrumentationLibraryMetrics`
    /// (used when `scopeMetrics` is empty).
    mutating func readResourceMetrics(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.ResourceMetrics {
        var resourceMetrics = MetricsRequest.ResourceMetrics()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var legacy: [MetricsRequest.ScopeMetrics] = []
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "resource":
                    resourceMetrics.resource = try readResource(depth: depth + 1)
                case "scopeMetrics", "scope_metrics":
                    resourceMetrics.scopeMetrics = try readArray(depth: depth + 1) {
                        reader, depth throws(OTLPDecodeError) in try reader.readScopeMetrics(depth: depth)
                    }
                case "instrumentationLibraryMetrics", "instrumentation_library_metrics":
                    legacy = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.readScopeMetrics(depth: depth)
                    }
                case "schemaUrl", "schema_url":
                    resourceMetrics.schemaURL = try readString()
                default:
                    try skipValue(depth: depth + 1)
                }
            }
            if resourceMetrics.scopeMetrics.isEmpty { resourceMetrics.scopeMetrics = legacy }
        } catch {
            throw error.within("ResourceMetrics")
        }
        return resourceMetrics
    }

    /// `ScopeMetrics`: `scope` (or the pre-1.0 `instrumentationLibrary`), `metrics`, `schemaUrl`.
    mutating func readScopeMetrics(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.ScopeMetrics {
        var scopeMetrics = MetricsRequest.ScopeMetrics()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "scope", "instrumentationLibrary", "instrumentation_library":
                    scopeMetrics.scope = try readScope(depth: depth + 1)
                case "metrics":
                    scopeMetrics.metrics = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.budget.countMetric()
                        return try reader.readMetric(depth: depth)
                    }
                case "schemaUrl", "schema_url":
                    scopeMetrics.schemaURL = try readString()
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("ScopeMetrics")
        }
        return scopeMetrics
    }

    /// `Metric`: `name`, `description`, `unit`, one of `gauge`, `sum`, `histogram`, `exponentialHistogram`,
    /// `summary`, and `metadata`.
    mutating func readMetric(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.Metric {
        var metric = MetricsRequest.Metric()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "name":
                    metric.name = try readString()
                case "description":
                    metric.description = try readString()
                case "unit":
                    metric.unit = try readString()
                case "gauge":
                    metric.data = .gauge(try readGauge(depth: depth + 1))
                case "sum":
                    metric.data = .sum(try readSum(depth: depth + 1))
                case "histogram":
                    metric.data = .histogram(try readHistogram(depth: depth + 1))
                case "exponentialHistogram", "exponential_histogram":
                    metric.data = .exponentialHistogram(try readExponentialHistogram(depth: depth + 1))
                case "summary":
                    metric.data = .summary(try readSummary(depth: depth + 1))
                case "metadata":
                    metric.metadata = try readKeyValues(depth: depth + 1)
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Metric")
        }
        return metric
    }

    // MARK: - Data containers

    /// Reads `aggregationTemporality` as a number or an `AGGREGATION_TEMPORALITY_*` name.
    private mutating func readTemporality() throws(OTLPDecodeError) -> MetricsRequest.AggregationTemporality {
        skipWhitespace()
        let start = position
        if start < bytes.count, bytes[start] == UInt8(ascii: "\"") {
            let name = try readString()
            switch name {
            case "AGGREGATION_TEMPORALITY_UNSPECIFIED": return .unspecified
            case "AGGREGATION_TEMPORALITY_DELTA": return .delta
            case "AGGREGATION_TEMPORALITY_CUMULATIVE": return .cumulative
            default:
                guard let number = Int32(name) else {
                    throw OTLPDecodeError("unknown aggregation temporality \"\(name)\" at byte \(start)")
                }
                return .init(rawValue: number)
            }
        }
        return .init(rawValue: try readInt32())
    }

    /// `Gauge`: `dataPoints`.
    mutating func readGauge(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.Gauge {
        var gauge = MetricsRequest.Gauge()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "dataPoints", "data_points": gauge.dataPoints = try readNumberDataPoints(depth: depth + 1)
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Gauge")
        }
        return gauge
    }

    /// `Sum`: `dataPoints`, `aggregationTemporality`, `isMonotonic`.
    mutating func readSum(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.Sum {
        var sum = MetricsRequest.Sum()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "dataPoints", "data_points": sum.dataPoints = try readNumberDataPoints(depth: depth + 1)
                case "aggregationTemporality", "aggregation_temporality":
                    sum.aggregationTemporality = try readTemporality()
                case "isMonotonic", "is_monotonic": sum.isMonotonic = try readBool()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Sum")
        }
        return sum
    }

    /// `Histogram`: `dataPoints`, `aggregationTemporality`.
    mutating func readHistogram(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.Histogram {
        var histogram = MetricsRequest.Histogram()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "dataPoints", "data_points":
                    histogram.dataPoints = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.budget.countDataPoint()
                        return try reader.readHistogramDataPoint(depth: depth)
                    }
                case "aggregationTemporality", "aggregation_temporality":
                    histogram.aggregationTemporality = try readTemporality()
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Histogram")
        }
        return histogram
    }

    /// `ExponentialHistogram`: `dataPoints`, `aggregationTemporality`.
    mutating func readExponentialHistogram(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.ExponentialHistogram {
        var histogram = MetricsRequest.ExponentialHistogram()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "dataPoints", "data_points":
                    histogram.dataPoints = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.budget.countDataPoint()
                        return try reader.readExponentialHistogramDataPoint(depth: depth)
                    }
                case "aggregationTemporality", "aggregation_temporality":
                    histogram.aggregationTemporality = try readTemporality()
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("ExponentialHistogram")
        }
        return histogram
    }

    /// `Summary`: `dataPoints`.
    mutating func readSummary(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.Summary {
        var summary = MetricsRequest.Summary()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "dataPoints", "data_points":
                    summary.dataPoints = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.budget.countDataPoint()
                        return try reader.readSummaryDataPoint(depth: depth)
                    }
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Summary")
        }
        return summary
    }

    // MARK: - Data points

    /// Reads an array of `NumberDataPoint` objects.
    private mutating func readNumberDataPoints(depth: Int) throws(OTLPDecodeError) -> [MetricsRequest.NumberDataPoint] {
        try readArray(depth: depth) { reader, depth throws(OTLPDecodeError) in
            try reader.budget.countDataPoint()
            return try reader.readNumberDataPoint(depth: depth)
        }
    }

    /// Reads an array of numbers of one kind.
    private mutating func readNumbers<Number>(
        depth: Int,
        _ number: (inout JSONReader) throws(OTLPDecodeError) -> Number
    ) throws(OTLPDecodeError) -> [Number] {
        try readArray(depth: depth) { reader, _ throws(OTLPDecodeError) in try number(&reader) }
    }

    /// `NumberDataPoint`: `attributes`, `startTimeUnixNano`, `timeUnixNano`, `asDouble`, `asInt`, `exemplars`,
    /// `flags`.
    mutating func readNumberDataPoint(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.NumberDataPoint {
        var point = MetricsRequest.NumberDataPoint()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "attributes": point.attributes = try readKeyValues(depth: depth + 1)
                case "startTimeUnixNano", "start_time_unix_nano": point.startTimeUnixNano = try readUInt64()
                case "timeUnixNano", "time_unix_nano": point.timeUnixNano = try readUInt64()
                case "asDouble", "as_double": point.value = .double(try readDouble())
                case "asInt", "as_int": point.value = .int(try readInt64())
                case "exemplars": point.exemplars = try readExemplars(depth: depth + 1)
                case "flags": point.flags = .init(rawValue: try readUInt32())
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("NumberDataPoint")
        }
        return point
    }

    /// `HistogramDataPoint`: `attributes`, `startTimeUnixNano`, `timeUnixNano`, `count`, `sum`, `bucketCounts`,
    /// `explicitBounds`, `exemplars`, `flags`, `min`, `max`.
    mutating func readHistogramDataPoint(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.HistogramDataPoint {
        var point = MetricsRequest.HistogramDataPoint()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "attributes": point.attributes = try readKeyValues(depth: depth + 1)
                case "startTimeUnixNano", "start_time_unix_nano": point.startTimeUnixNano = try readUInt64()
                case "timeUnixNano", "time_unix_nano": point.timeUnixNano = try readUInt64()
                case "count": point.count = try readUInt64()
                case "sum": point.sum = try readDouble()
                case "bucketCounts", "bucket_counts":
                    point.bucketCounts = try readNumbers(depth: depth + 1) { reader throws(OTLPDecodeError) in
                        try reader.readUInt64()
                    }
                case "explicitBounds", "explicit_bounds":
                    point.explicitBounds = try readNumbers(depth: depth + 1) { reader throws(OTLPDecodeError) in
                        try reader.readDouble()
                    }
                case "exemplars": point.exemplars = try readExemplars(depth: depth + 1)
                case "flags": point.flags = .init(rawValue: try readUInt32())
                case "min": point.min = try readDouble()
                case "max": point.max = try readDouble()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("HistogramDataPoint")
        }
        return point
    }

    /// `ExponentialHistogramDataPoint`: `attributes`, `startTimeUnixNano`, `timeUnixNano`, `count`, `sum`, `scale`,
    /// `zeroCount`, `positive`, `negative`, `flags`, `exemplars`, `min`, `max`, `zeroThreshold`.
    mutating func readExponentialHistogramDataPoint(depth: Int) throws(OTLPDecodeError)
        -> MetricsRequest.ExponentialHistogramDataPoint
    {
        var point = MetricsRequest.ExponentialHistogramDataPoint()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "attributes": point.attributes = try readKeyValues(depth: depth + 1)
                case "startTimeUnixNano", "start_time_unix_nano": point.startTimeUnixNano = try readUInt64()
                case "timeUnixNano", "time_unix_nano": point.timeUnixNano = try readUInt64()
                case "count": point.count = try readUInt64()
                case "sum": point.sum = try readDouble()
                case "scale": point.scale = try readInt32()
                case "zeroCount", "zero_count": point.zeroCount = try readUInt64()
                case "positive": point.positive = try readBuckets(depth: depth + 1)
                case "negative": point.negative = try readBuckets(depth: depth + 1)
                case "flags": point.flags = .init(rawValue: try readUInt32())
                case "exemplars": point.exemplars = try readExemplars(depth: depth + 1)
                case "min": point.min = try readDouble()
                case "max": point.max = try readDouble()
                case "zeroThreshold", "zero_threshold": point.zeroThreshold = try readDouble()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("ExponentialHistogramDataPoint")
        }
        return point
    }

    /// `ExponentialHistogramDataPoint.Buckets`: `offset`, `bucketCounts`.
    private mutating func readBuckets(depth: Int) throws(OTLPDecodeError)
        -> MetricsRequest.ExponentialHistogramDataPoint.Buckets
    {
        var buckets = MetricsRequest.ExponentialHistogramDataPoint.Buckets()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "offset":
                    buckets.offset = try readInt32()
                case "bucketCounts", "bucket_counts":
                    buckets.bucketCounts = try readNumbers(depth: depth + 1) { reader throws(OTLPDecodeError) in
                        try reader.readUInt64()
                    }
                default:
                    try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("Buckets")
        }
        return buckets
    }

    /// `SummaryDataPoint`: `attributes`, `startTimeUnixNano`, `timeUnixNano`, `count`, `sum`, `quantileValues`,
    /// `flags`.
    mutating func readSummaryDataPoint(depth: Int) throws(OTLPDecodeError) -> MetricsRequest.SummaryDataPoint {
        var point = MetricsRequest.SummaryDataPoint()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "attributes": point.attributes = try readKeyValues(depth: depth + 1)
                case "startTimeUnixNano", "start_time_unix_nano": point.startTimeUnixNano = try readUInt64()
                case "timeUnixNano", "time_unix_nano": point.timeUnixNano = try readUInt64()
                case "count": point.count = try readUInt64()
                case "sum": point.sum = try readDouble()
                case "quantileValues", "quantile_values":
                    point.quantileValues = try readArray(depth: depth + 1) { reader, depth throws(OTLPDecodeError) in
                        try reader.readValueAtQuantile(depth: depth)
                    }
                case "flags": point.flags = .init(rawValue: try readUInt32())
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("SummaryDataPoint")
        }
        return point
    }

    /// `SummaryDataPoint.ValueAtQuantile`: `quantile`, `value`.
    private mutating func readValueAtQuantile(depth: Int) throws(OTLPDecodeError)
        -> MetricsRequest.SummaryDataPoint.ValueAtQuantile
    {
        var quantile = MetricsRequest.SummaryDataPoint.ValueAtQuantile()
        do throws(OTLPDecodeError) {
            try beginObject(depth: depth)
            var first = true
            while let key = try nextKey(first: &first) {
                if try consumeNull() { continue }
                switch key {
                case "quantile": quantile.quantile = try readDouble()
                case "value": quantile.value = try readDouble()
                default: try skipValue(depth: depth + 1)
                }
            }
        } catch {
            throw error.within("ValueAtQuantile")
        }
        return quantile
    }

    /// Reads an array of `Exemplar` objects: `filteredAttributes`, `timeUnixNano`, `asDouble`, `asInt`, `spanId`,
    /// `traceId` (ids in hex, as OTLP/JSON requires).
    private mutating func readExemplars(depth: Int) throws(OTLPDecodeError) -> [MetricsRequest.Exemplar] {
        try readArray(depth: depth) { reader, depth throws(OTLPDecodeError) in
            var exemplar = MetricsRequest.Exemplar()
            do throws(OTLPDecodeError) {
                try reader.beginObject(depth: depth)
                var first = true
                while let key = try reader.nextKey(first: &first) {
                    if try reader.consumeNull() { continue }
                    switch key {
                    case "filteredAttributes", "filtered_attributes":
                        exemplar.filteredAttributes = try reader.readKeyValues(depth: depth + 1)
                    case "timeUnixNano", "time_unix_nano": exemplar.timeUnixNano = try reader.readUInt64()
                    case "asDouble", "as_double": exemplar.value = .double(try reader.readDouble())
                    case "asInt", "as_int": exemplar.value = .int(try reader.readInt64())
                    case "spanId", "span_id": exemplar.spanID = try reader.readHex()
                    case "traceId", "trace_id": exemplar.traceID = try reader.readHex()
                    default: try reader.skipValue(depth: depth + 1)
                    }
                }
            } catch {
                throw error.within("Exemplar")
            }
            return exemplar
        }
    }
}
