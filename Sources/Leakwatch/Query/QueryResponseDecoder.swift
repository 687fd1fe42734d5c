import Foundation
import PromQL
import TimeSeries

/// Reads a query API response (Prometheus's envelope) back into a `QueryValue`, for the CLI's table.
enum QueryResponseDecoder {
    /// The decoded result and warnings of a success envelope.
    ///
    /// - Throws: the envelope's error message (a parse error without its `invalid parameter "query": ` prefix), or a
    ///   description of what in the body is not a query response.
    static func decode(_ body: Data) throws(QueryClient.Failure) -> (value: QueryValue, warnings: [String]) {
        guard let envelope = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw QueryClient.Failure("the server's answer is not JSON")
        }
        if envelope["status"] as? String == "error" {
            let message = envelope["error"] as? String ?? "unknown error"
            let hint = envelope["errorType"] as? String == "unauthorized" ? " (give the API token with --token)" : ""
            throw QueryClient.Failure(QueryClient.readable(message) + hint)
        }
        guard envelope["status"] as? String == "success", let data = envelope["data"] as? [String: Any],
            let resultType = data["resultType"] as? String
        else {
            throw QueryClient.Failure("the server's answer is not a query result")
        }
        let warnings = envelope["warnings"] as? [String] ?? []
        let result = data["result"]
        let value: QueryValue?
        switch resultType {
        case "scalar":
            value = point(result).map { .scalar(timestamp: $0.timestamp, value: $0.value) }
        case "string":
            let pair = result as? [Any]
            value = pair.flatMap { pair in
                guard pair.count == 2, let time = milliseconds(pair[0]), let text = pair[1] as? String else {
                    return nil
                }
                return .string(timestamp: time, value: text)
            }
        case "vector":
            value = vector(result)
        case "matrix":
            value = matrix(result)
        default:
            value = nil
        }
        guard let value else { throw QueryClient.Failure("the server's \(resultType) result is malformed") }
        return (value, warnings)
    }

    private static func vector(_ result: Any?) -> QueryValue? {
        guard let items = result as? [[String: Any]] else { return nil }
        var samples: [InstantSample] = []
        var time: Int64 = 0
        for item in items {
            guard let labels = labels(item["metric"]), let point = point(item["value"]) else { return nil }
            samples.append(InstantSample(labels: labels, timestamp: point.timestamp, value: point.value))
            time = point.timestamp
        }
        return .vector(timestamp: time, samples: samples)
    }

    private static func matrix(_ result: Any?) -> QueryValue? {
        guard let items = result as? [[String: Any]] else { return nil }
        var series: [Series] = []
        for item in items {
            guard let labels = labels(item["metric"]) else { return nil }
            var samples: [Sample] = []
            for value in item["values"] as? [Any] ?? [] {
                guard let point = point(value) else { return nil }
                samples.append(Sample(timestamp: point.timestamp, value: point.value))
            }
            series.append(Series(labels: labels, samples: samples))
        }
        return .matrix(series)
    }

    private static func labels(_ object: Any?) -> Labels? {
        guard let map = object as? [String: Any] else { return nil }
        var labels: [Label] = []
        for (name, value) in map {
            guard let value = value as? String else { return nil }
            labels.append(Label(name: name, value: value))
        }
        return Labels(labels)
    }

    /// `[<seconds>, "<value>"]`.
    private static func point(_ object: Any?) -> (timestamp: Int64, value: Double)? {
        guard let pair = object as? [Any], pair.count == 2, let time = milliseconds(pair[0]),
            let text = pair[1] as? String, let value = sampleValue(text)
        else { return nil }
        return (time, value)
    }

    private static func milliseconds(_ object: Any) -> Int64? {
        guard let seconds = (object as? NSNumber)?.doubleValue, seconds.isFinite else { return nil }
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds.magnitude < 9.2e18 else { return nil }
        return Int64(milliseconds)
    }

    /// A value as the API writes it: Go float text, `NaN`, `+Inf`, `-Inf`.
    static func sampleValue(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: APIParameters.isDecimalFloat(text) ? Double(text) : nil
        }
    }
}
