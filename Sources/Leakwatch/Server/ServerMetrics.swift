import Synchronization
import TimeSeries

/// Counters and histograms of the server's own work, exposed at `GET /metrics`.
///
/// Paths are recorded only for known routes (others count as `other`), so a scan of random URLs cannot grow the
/// label set without bound.
final class ServerMetrics: Sendable {
    /// Upper bounds (seconds) of the request duration histogram.
    static let durationBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var durationCounts = [Int](repeating: 0, count: ServerMetrics.durationBuckets.count)
        var durationSum = 0.0
        var durationCount = 0
        var bodyBytes = 0
        var dataPoints = 0
        var samplesAccepted = 0
        var samplesRejected: [RejectionReason: Int] = [:]
        var pointsUntranslatable = 0
    }

    private struct RequestKey: Hashable {
        let path: String
        let status: Int
    }

    private let state = Mutex(State())
    private let knownPaths: Set<String>

    init(knownPaths: Set<String>) {
        self.knownPaths = knownPaths
    }

    /// Records one HTTP exchange.
    func recordRequest(path: String, status: Int, bodyBytes: Int, seconds: Double) {
        let key = RequestKey(path: knownPaths.contains(path) ? path : "other", status: status)
        state.withLock { state in
            state.requests[key, default: 0] += 1
            state.bodyBytes += bodyBytes
            state.durationSum += seconds
            state.durationCount += 1
            if let bucket = ServerMetrics.durationBuckets.firstIndex(where: { seconds <= $0 }) {
                state.durationCounts[bucket] += 1
            }
        }
    }

    /// Records the outcome of one OTLP export.
    func recordIngest(dataPoints: Int, untranslatable: Int, result: AppendResult) {
        state.withLock { state in
            state.dataPoints += dataPoints
            state.pointsUntranslatable += untranslatable
            state.samplesAccepted += result.accepted
            for (reason, count) in result.rejected { state.samplesRejected[reason, default: 0] += count }
        }
    }

    /// The exposition text, with the store's gauges appended by `extra`.
    func render(extra: (inout MetricsText) -> Void) -> String {
        let snapshot = state.withLock { $0 }
        var out = MetricsText()
        out.family("leakwatch_http_requests_total", "counter", "HTTP requests answered, by route and status code.")
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.path, $0.key.status) < ($1.key.path, $1.key.status) }
        ) {
            out.sample(
                "leakwatch_http_requests_total", [("path", key.path), ("code", String(key.status))], Double(count))
        }
        out.family(
            "leakwatch_http_request_duration_seconds", "histogram", "Time from request received to response sent.")
        var cumulative = 0
        for (index, bound) in ServerMetrics.durationBuckets.enumerated() {
            cumulative += snapshot.durationCounts[index]
            out.sample(
                "leakwatch_http_request_duration_seconds_bucket", [("le", MetricsText.format(bound))],
                Double(cumulative))
        }
        out.sample("leakwatch_http_request_duration_seconds_bucket", [("le", "+Inf")], Double(snapshot.durationCount))
        out.sample("leakwatch_http_request_duration_seconds_sum", [], snapshot.durationSum)
        out.sample("leakwatch_http_request_duration_seconds_count", [], Double(snapshot.durationCount))
        out.family("leakwatch_http_request_body_bytes_total", "counter", "Request body bytes received (as sent).")
        out.sample("leakwatch_http_request_body_bytes_total", [], Double(snapshot.bodyBytes))
        out.family("leakwatch_otlp_data_points_total", "counter", "OTLP data points received.")
        out.sample("leakwatch_otlp_data_points_total", [], Double(snapshot.dataPoints))
        out.family(
            "leakwatch_otlp_data_points_untranslatable_total", "counter",
            "OTLP data points that could not be turned into samples.")
        out.sample("leakwatch_otlp_data_points_untranslatable_total", [], Double(snapshot.pointsUntranslatable))
        out.family("leakwatch_samples_accepted_total", "counter", "Samples stored durably.")
        out.sample("leakwatch_samples_accepted_total", [], Double(snapshot.samplesAccepted))
        out.family("leakwatch_samples_rejected_total", "counter", "Samples the store rejected, by reason.")
        for reason in RejectionReason.allCases {
            out.sample(
                "leakwatch_samples_rejected_total", [("reason", reason.rawValue)],
                Double(snapshot.samplesRejected[reason] ?? 0))
        }
        extra(&out)
        return out.text
    }
}
