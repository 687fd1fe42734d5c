import OTLP

/// Encodes a `MetricsRequest` as protobuf, the way the tests need: packed or unpacked repeated scalars, and
/// optionally unknown fields of every wire type in every message.
struct ProtobufRequestEncoder {
    /// Whether the three packable fields use the packed encoding.
    var packed = true
    /// Whether every message also carries unknown fields.
    var unknownFields = false

    func encode(_ request: MetricsRequest) -> [UInt8] {
        var wire = WireBuilder()
        if unknownFields { wire.unknownFields() }
        for resourceMetrics in request.resourceMetrics {
            wire.message(1) { encodeResourceMetrics(resourceMetrics, into: &$0) }
        }
        return wire.bytes
    }

    private func start(_ wire: inout WireBuilder) {
        if unknownFields { wire.unknownFields() }
    }

    private func encodeResourceMetrics(_ value: MetricsRequest.ResourceMetrics, into wire: inout WireBuilder) {
        start(&wire)
        wire.message(1) { resource in
            start(&resource)
            for attribute in value.resource.attributes { resource.message(1) { encodeKeyValue(attribute, into: &$0) } }
            resource.varintField(2, UInt64(value.resource.droppedAttributesCount))
        }
        for scopeMetrics in value.scopeMetrics {
            wire.message(2) { encodeScopeMetrics(scopeMetrics, into: &$0) }
        }
        wire.stringField(3, value.schemaURL)
    }

    private func encodeScopeMetrics(_ value: MetricsRequest.ScopeMetrics, into wire: inout WireBuilder) {
        start(&wire)
        wire.message(1) { scope in
            start(&scope)
            scope.stringField(1, value.scope.name)
            scope.stringField(2, value.scope.version)
            for attribute in value.scope.attributes { scope.message(3) { encodeKeyValue(attribute, into: &$0) } }
            scope.varintField(4, UInt64(value.scope.droppedAttributesCount))
        }
        for metric in value.metrics { wire.message(2) { encodeMetric(metric, into: &$0) } }
        wire.stringField(3, value.schemaURL)
    }

    func encodeKeyValue(_ value: KeyValue, into wire: inout WireBuilder) {
        start(&wire)
        wire.stringField(1, value.key)
        wire.message(2) { encodeAnyValue(value.value, into: &$0) }
    }

    func encodeAnyValue(_ value: AnyValue, into wire: inout WireBuilder) {
        start(&wire)
        switch value {
        case .empty: break
        case .string(let string): wire.stringField(1, string)
        case .bool(let bool): wire.varintField(2, bool ? 1 : 0)
        case .int(let int): wire.varintField(3, UInt64(bitPattern: int))
        case .double(let double): wire.doubleField(4, double)
        case .array(let values):
            wire.message(5) { array in
                start(&array)
                for element in values { array.message(1) { encodeAnyValue(element, into: &$0) } }
            }
        case .keyValueList(let values):
            wire.message(6) { list in
                start(&list)
                for element in values { list.message(1) { encodeKeyValue(element, into: &$0) } }
            }
        case .bytes(let bytes): wire.bytesField(7, bytes)
        }
    }

    private func encodeMetric(_ metric: MetricsRequest.Metric, into wire: inout WireBuilder) {
        start(&wire)
        wire.stringField(1, metric.name)
        wire.stringField(2, metric.description)
        wire.stringField(3, metric.unit)
        switch metric.data {
        case .gauge(let gauge)?:
            wire.message(5) { body in
                start(&body)
                for point in gauge.dataPoints { body.message(1) { encodeNumberPoint(point, into: &$0) } }
            }
        case .sum(let sum)?:
            wire.message(7) { body in
                start(&body)
                for point in sum.dataPoints { body.message(1) { encodeNumberPoint(point, into: &$0) } }
                body.varintField(2, UInt64(bitPattern: Int64(sum.aggregationTemporality.rawValue)))
                body.varintField(3, sum.isMonotonic ? 1 : 0)
            }
        case .histogram(let histogram)?:
            wire.message(9) { body in
                start(&body)
                for point in histogram.dataPoints { body.message(1) { encodeHistogramPoint(point, into: &$0) } }
                body.varintField(2, UInt64(bitPattern: Int64(histogram.aggregationTemporality.rawValue)))
            }
        case .exponentialHistogram(let histogram)?:
            wire.message(10) { body in
                start(&body)
                for point in histogram.dataPoints {
                    body.message(1) { encodeExponentialPoint(point, into: &$0) }
                }
                body.varintField(2, UInt64(bitPattern: Int64(histogram.aggregationTemporality.rawValue)))
            }
        case .summary(let summary)?:
            wire.message(11) { body in
                start(&body)
                for point in summary.dataPoints { body.message(1) { encodeSummaryPoint(point, into: &$0) } }
            }
        case nil:
            break
        }
        for attribute in metric.metadata { wire.message(12) { encodeKeyValue(attribute, into: &$0) } }
    }

    private func encodeNumberPoint(_ point: MetricsRequest.NumberDataPoint, into wire: inout WireBuilder) {
        start(&wire)
        for attribute in point.attributes { wire.message(7) { encodeKeyValue(attribute, into: &$0) } }
        wire.fixed64Field(2, point.startTimeUnixNano)
        wire.fixed64Field(3, point.timeUnixNano)
        switch point.value {
        case .double(let double)?: wire.doubleField(4, double)
        case .int(let int)?: wire.fixed64Field(6, UInt64(bitPattern: int))
        case nil: break
        }
        for exemplar in point.exemplars { wire.message(5) { encodeExemplar(exemplar, into: &$0) } }
        wire.varintField(8, UInt64(point.flags.rawValue))
    }

    private func encodeHistogramPoint(_ point: MetricsRequest.HistogramDataPoint, into wire: inout WireBuilder) {
        start(&wire)
        for attribute in point.attributes { wire.message(9) { encodeKeyValue(attribute, into: &$0) } }
        wire.fixed64Field(2, point.startTimeUnixNano)
        wire.fixed64Field(3, point.timeUnixNano)
        wire.fixed64Field(4, point.count)
        if let sum = point.sum { wire.doubleField(5, sum) }
        if packed {
            var counts = WireBuilder()
            for count in point.bucketCounts { counts.fixed64(count) }
            wire.bytesField(6, counts.bytes)
            var bounds = WireBuilder()
            for bound in point.explicitBounds { bounds.fixed64(bound.bitPattern) }
            wire.bytesField(7, bounds.bytes)
        } else {
            for count in point.bucketCounts { wire.fixed64Field(6, count) }
            for bound in point.explicitBounds { wire.doubleField(7, bound) }
        }
        for exemplar in point.exemplars { wire.message(8) { encodeExemplar(exemplar, into: &$0) } }
        wire.varintField(10, UInt64(point.flags.rawValue))
        if let min = point.min { wire.doubleField(11, min) }
        if let max = point.max { wire.doubleField(12, max) }
    }

    private func encodeExponentialPoint(
        _ point: MetricsRequest.ExponentialHistogramDataPoint,
        into wire: inout WireBuilder
    ) {
        start(&wire)
        for attribute in point.attributes { wire.message(1) { encodeKeyValue(attribute, into: &$0) } }
        wire.fixed64Field(2, point.startTimeUnixNano)
        wire.fixed64Field(3, point.timeUnixNano)
        wire.fixed64Field(4, point.count)
        if let sum = point.sum { wire.doubleField(5, sum) }
        wire.sint32Field(6, point.scale)
        wire.fixed64Field(7, point.zeroCount)
        wire.message(8) { encodeBuckets(point.positive, into: &$0) }
        wire.message(9) { encodeBuckets(point.negative, into: &$0) }
        wire.varintField(10, UInt64(point.flags.rawValue))
        for exemplar in point.exemplars { wire.message(11) { encodeExemplar(exemplar, into: &$0) } }
        if let min = point.min { wire.doubleField(12, min) }
        if let max = point.max { wire.doubleField(13, max) }
        wire.doubleField(14, point.zeroThreshold)
    }

    private func encodeBuckets(
        _ buckets: MetricsRequest.ExponentialHistogramDataPoint.Buckets,
        into wire: inout WireBuilder
    ) {
        start(&wire)
        wire.sint32Field(1, buckets.offset)
        if packed {
            var counts = WireBuilder()
            for count in buckets.bucketCounts { counts.varint(count) }
            wire.bytesField(2, counts.bytes)
        } else {
            for count in buckets.bucketCounts { wire.varintField(2, count) }
        }
    }

    private func encodeSummaryPoint(_ point: MetricsRequest.SummaryDataPoint, into wire: inout WireBuilder) {
        start(&wire)
        for attribute in point.attributes { wire.message(7) { encodeKeyValue(attribute, into: &$0) } }
        wire.fixed64Field(2, point.startTimeUnixNano)
        wire.fixed64Field(3, point.timeUnixNano)
        wire.fixed64Field(4, point.count)
        wire.doubleField(5, point.sum)
        for quantile in point.quantileValues {
            wire.message(6) { value in
                start(&value)
                value.doubleField(1, quantile.quantile)
                value.doubleField(2, quantile.value)
            }
        }
        wire.varintField(8, UInt64(point.flags.rawValue))
    }

    private func encodeExemplar(_ exemplar: MetricsRequest.Exemplar, into wire: inout WireBuilder) {
        start(&wire)
        for attribute in exemplar.filteredAttributes { wire.message(7) { encodeKeyValue(attribute, into: &$0) } }
        wire.fixed64Field(2, exemplar.timeUnixNano)
        switch exemplar.value {
        case .double(let double)?: wire.doubleField(3, double)
        case .int(let int)?: wire.fixed64Field(6, UInt64(bitPattern: int))
        case nil: break
        }
        wire.bytesField(4, exemplar.spanID)
        wire.bytesField(5, exemplar.traceID)
    }
}
