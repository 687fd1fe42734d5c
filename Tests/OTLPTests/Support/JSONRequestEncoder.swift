import Foundation
import OTLP

/// Encodes a `MetricsRequest` as OTLP/JSON in the spellings a receiver must accept: lowerCamelCase or snake_case
/// keys, 64-bit integers as strings or numbers, enums as numbers or names.
struct JSONRequestEncoder {
    /// Keys in the proto's snake_case instead of lowerCamelCase.
    var snakeCase = false
    /// 64-bit integers as JSON numbers instead of strings.
    var int64AsNumbers = false
    /// Enums as `AGGREGATION_TEMPORALITY_*` names instead of numbers.
    var enumNames = false

    func encode(_ request: MetricsRequest) -> [UInt8] {
        var json = "{"
        key("resourceMetrics", "resource_metrics", &json)
        array(request.resourceMetrics, &json) { resourceMetrics(&$0, $1) }
        json += "}"
        return Array(json.utf8)
    }

    private func key(_ camel: String, _ snake: String, _ json: inout String) {
        json += "\"\(snakeCase ? snake : camel)\":"
    }

    private func array<T>(_ values: [T], _ json: inout String, _ element: (inout String, T) -> Void) {
        json += "["
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            element(&json, value)
        }
        json += "]"
    }

    private func string(_ value: String, _ json: inout String) {
        json += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\u{00}"..."\u{1F}":
                json += String(format: "\\u%04x", scalar.value)
            case "\u{10000}"...:
                // Exercise surrogate-pair escapes for characters outside the BMP.
                let value = scalar.value - 0x10000
                json += String(format: "\\u%04X\\u%04X", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))
            default:
                json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    private func uint64(_ value: UInt64, _ json: inout String) {
        json += int64AsNumbers ? String(value) : "\"\(value)\""
    }

    private func int64(_ value: Int64, _ json: inout String) {
        json += int64AsNumbers ? String(value) : "\"\(value)\""
    }

    private func double(_ value: Double, _ json: inout String) {
        if value.isNaN {
            json += "\"NaN\""
        } else if value.isInfinite {
            json += value < 0 ? "\"-Infinity\"" : "\"Infinity\""
        } else {
            json += value.description
        }
    }

    private func temporality(_ value: MetricsRequest.AggregationTemporality, _ json: inout String) {
        if enumNames, (0...2).contains(value.rawValue) {
            json += "\"\(value.description)\""
        } else {
            json += String(value.rawValue)
        }
    }

    private func resourceMetrics(_ json: inout String, _ value: MetricsRequest.ResourceMetrics) {
        json += "{"
        key("resource", "resource", &json)
        json += "{"
        key("attributes", "attributes", &json)
        array(value.resource.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        key("droppedAttributesCount", "dropped_attributes_count", &json)
        json += String(value.resource.droppedAttributesCount)
        json += "},"
        key("scopeMetrics", "scope_metrics", &json)
        array(value.scopeMetrics, &json) { scopeMetrics(&$0, $1) }
        json += ","
        key("schemaUrl", "schema_url", &json)
        string(value.schemaURL, &json)
        json += "}"
    }

    private func scopeMetrics(_ json: inout String, _ value: MetricsRequest.ScopeMetrics) {
        json += "{"
        key("scope", "scope", &json)
        json += "{\"name\":"
        string(value.scope.name, &json)
        json += ",\"version\":"
        string(value.scope.version, &json)
        json += ",\"attributes\":"
        array(value.scope.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        key("droppedAttributesCount", "dropped_attributes_count", &json)
        json += String(value.scope.droppedAttributesCount)
        json += "},\"metrics\":"
        array(value.metrics, &json) { metric(&$0, $1) }
        json += ","
        key("schemaUrl", "schema_url", &json)
        string(value.schemaURL, &json)
        json += "}"
    }

    private func keyValue(_ json: inout String, _ value: KeyValue) {
        json += "{\"key\":"
        string(value.key, &json)
        json += ",\"value\":"
        anyValue(&json, value.value)
        json += "}"
    }

    private func anyValue(_ json: inout String, _ value: AnyValue) {
        json += "{"
        switch value {
        case .empty:
            break
        case .string(let text):
            key("stringValue", "string_value", &json)
            string(text, &json)
        case .bool(let bool):
            key("boolValue", "bool_value", &json)
            json += bool ? "true" : "false"
        case .int(let int):
            key("intValue", "int_value", &json)
            int64(int, &json)
        case .double(let value):
            key("doubleValue", "double_value", &json)
            double(value, &json)
        case .array(let values):
            key("arrayValue", "array_value", &json)
            json += "{\"values\":"
            array(values, &json) { anyValue(&$0, $1) }
            json += "}"
        case .keyValueList(let values):
            key("kvlistValue", "kvlist_value", &json)
            json += "{\"values\":"
            array(values, &json) { keyValue(&$0, $1) }
            json += "}"
        case .bytes(let bytes):
            key("bytesValue", "bytes_value", &json)
            json += "\"\(Data(bytes).base64EncodedString())\""
        }
        json += "}"
    }

    private func metric(_ json: inout String, _ metric: MetricsRequest.Metric) {
        json += "{\"name\":"
        string(metric.name, &json)
        json += ",\"description\":"
        string(metric.description, &json)
        json += ",\"unit\":"
        string(metric.unit, &json)
        switch metric.data {
        case .gauge(let gauge)?:
            json += ",\"gauge\":{"
            key("dataPoints", "data_points", &json)
            array(gauge.dataPoints, &json) { numberPoint(&$0, $1) }
            json += "}"
        case .sum(let sum)?:
            json += ",\"sum\":{"
            key("dataPoints", "data_points", &json)
            array(sum.dataPoints, &json) { numberPoint(&$0, $1) }
            json += ","
            key("aggregationTemporality", "aggregation_temporality", &json)
            temporality(sum.aggregationTemporality, &json)
            json += ","
            key("isMonotonic", "is_monotonic", &json)
            json += sum.isMonotonic ? "true" : "false"
            json += "}"
        case .histogram(let histogram)?:
            json += ",\"histogram\":{"
            key("dataPoints", "data_points", &json)
            array(histogram.dataPoints, &json) { histogramPoint(&$0, $1) }
            json += ","
            key("aggregationTemporality", "aggregation_temporality", &json)
            temporality(histogram.aggregationTemporality, &json)
            json += "}"
        case .exponentialHistogram(let histogram)?:
            json += ","
            key("exponentialHistogram", "exponential_histogram", &json)
            json += "{"
            key("dataPoints", "data_points", &json)
            array(histogram.dataPoints, &json) { exponentialPoint(&$0, $1) }
            json += ","
            key("aggregationTemporality", "aggregation_temporality", &json)
            temporality(histogram.aggregationTemporality, &json)
            json += "}"
        case .summary(let summary)?:
            json += ",\"summary\":{"
            key("dataPoints", "data_points", &json)
            array(summary.dataPoints, &json) { summaryPoint(&$0, $1) }
            json += "}"
        case nil:
            break
        }
        json += ",\"metadata\":"
        array(metric.metadata, &json) { keyValue(&$0, $1) }
        json += "}"
    }

    private func times(_ start: UInt64, _ time: UInt64, _ json: inout String) {
        key("startTimeUnixNano", "start_time_unix_nano", &json)
        uint64(start, &json)
        json += ","
        key("timeUnixNano", "time_unix_nano", &json)
        uint64(time, &json)
    }

    private func numberPoint(_ json: inout String, _ point: MetricsRequest.NumberDataPoint) {
        json += "{\"attributes\":"
        array(point.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        times(point.startTimeUnixNano, point.timeUnixNano, &json)
        switch point.value {
        case .double(let value)?:
            json += ","
            key("asDouble", "as_double", &json)
            double(value, &json)
        case .int(let value)?:
            json += ","
            key("asInt", "as_int", &json)
            int64(value, &json)
        case nil:
            break
        }
        json += ",\"exemplars\":"
        array(point.exemplars, &json) { exemplar(&$0, $1) }
        json += ",\"flags\":\(point.flags.rawValue)}"
    }

    private func histogramPoint(_ json: inout String, _ point: MetricsRequest.HistogramDataPoint) {
        json += "{\"attributes\":"
        array(point.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        times(point.startTimeUnixNano, point.timeUnixNano, &json)
        json += ",\"count\":"
        uint64(point.count, &json)
        if let sum = point.sum {
            json += ",\"sum\":"
            double(sum, &json)
        }
        json += ","
        key("bucketCounts", "bucket_counts", &json)
        array(point.bucketCounts, &json) { uint64($1, &$0) }
        json += ","
        key("explicitBounds", "explicit_bounds", &json)
        array(point.explicitBounds, &json) { double($1, &$0) }
        json += ",\"exemplars\":"
        array(point.exemplars, &json) { exemplar(&$0, $1) }
        json += ",\"flags\":\(point.flags.rawValue)"
        if let min = point.min {
            json += ",\"min\":"
            double(min, &json)
        }
        if let max = point.max {
            json += ",\"max\":"
            double(max, &json)
        }
        json += "}"
    }

    private func exponentialPoint(_ json: inout String, _ point: MetricsRequest.ExponentialHistogramDataPoint) {
        json += "{\"attributes\":"
        array(point.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        times(point.startTimeUnixNano, point.timeUnixNano, &json)
        json += ",\"count\":"
        uint64(point.count, &json)
        if let sum = point.sum {
            json += ",\"sum\":"
            double(sum, &json)
        }
        json += ",\"scale\":\(point.scale),"
        key("zeroCount", "zero_count", &json)
        uint64(point.zeroCount, &json)
        json += ",\"positive\":"
        buckets(&json, point.positive)
        json += ",\"negative\":"
        buckets(&json, point.negative)
        json += ",\"flags\":\(point.flags.rawValue),\"exemplars\":"
        array(point.exemplars, &json) { exemplar(&$0, $1) }
        if let min = point.min {
            json += ",\"min\":"
            double(min, &json)
        }
        if let max = point.max {
            json += ",\"max\":"
            double(max, &json)
        }
        json += ","
        key("zeroThreshold", "zero_threshold", &json)
        double(point.zeroThreshold, &json)
        json += "}"
    }

    private func buckets(_ json: inout String, _ buckets: MetricsRequest.ExponentialHistogramDataPoint.Buckets) {
        json += "{\"offset\":\(buckets.offset),"
        key("bucketCounts", "bucket_counts", &json)
        array(buckets.bucketCounts, &json) { uint64($1, &$0) }
        json += "}"
    }

    private func summaryPoint(_ json: inout String, _ point: MetricsRequest.SummaryDataPoint) {
        json += "{\"attributes\":"
        array(point.attributes, &json) { keyValue(&$0, $1) }
        json += ","
        times(point.startTimeUnixNano, point.timeUnixNano, &json)
        json += ",\"count\":"
        uint64(point.count, &json)
        json += ",\"sum\":"
        double(point.sum, &json)
        json += ","
        key("quantileValues", "quantile_values", &json)
        array(point.quantileValues, &json) { json, quantile in
            json += "{\"quantile\":"
            double(quantile.quantile, &json)
            json += ",\"value\":"
            double(quantile.value, &json)
            json += "}"
        }
        json += ",\"flags\":\(point.flags.rawValue)}"
    }

    private func exemplar(_ json: inout String, _ exemplar: MetricsRequest.Exemplar) {
        json += "{"
        key("filteredAttributes", "filtered_attributes", &json)
        array(exemplar.filteredAttributes, &json) { keyValue(&$0, $1) }
        json += ","
        key("timeUnixNano", "time_unix_nano", &json)
        uint64(exemplar.timeUnixNano, &json)
        switch exemplar.value {
        case .double(let value)?:
            json += ","
            key("asDouble", "as_double", &json)
            double(value, &json)
        case .int(let value)?:
            json += ","
            key("asInt", "as_int", &json)
            int64(value, &json)
        case nil:
            break
        }
        json += ","
        key("spanId", "span_id", &json)
        json += "\"" + exemplar.spanID.map { String(format: "%02x", $0) }.joined() + "\","
        key("traceId", "trace_id", &json)
        json += "\"" + exemplar.traceID.map { String(format: "%02X", $0) }.joined() + "\"}"
    }
}
