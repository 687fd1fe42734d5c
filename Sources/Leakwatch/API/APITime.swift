/// An instant as Prometheus's API parses it (a Go `time.Time`): seconds and nanoseconds since the Unix epoch, so
/// `end` before `start` is judged at full precision; queries use `milliseconds`.
struct APITime: Comparable, Hashable, Sendable {
    /// Whole seconds; always within `APITime.min.seconds ... APITime.max.seconds`.
    let seconds: Int64
    /// Nanoseconds after `seconds`, `0 ..< 1_000_000_000`.
    let nanoseconds: Int64

    /// Prometheus's `MinTime`, the default `start` of series and label lookups.
    static let min = APITime(checkedSeconds: -9_223_309_901_257_974, nanoseconds: 0)
    /// Prometheus's `MaxTime`, the default `end` of series and label lookups.
    static let max = APITime(checkedSeconds: 9_223_309_901_257_974, nanoseconds: 999_999_999)

    private init(checkedSeconds seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Normalizes `nanoseconds` into `0 ..< 1e9` (as Go's `time.Unix` does); nil outside `min ... max`.
    init?(seconds: Int64, nanoseconds: Int64) {
        var seconds = seconds
        var nanoseconds = nanoseconds
        let (carry, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        nanoseconds = remainder
        var overflow: Bool
        (seconds, overflow) = seconds.addingReportingOverflow(carry)
        if nanoseconds < 0 {
            nanoseconds += 1_000_000_000
            seconds -= 1
        }
        guard !overflow, seconds >= APITime.min.seconds, seconds <= APITime.max.seconds else { return nil }
        self.init(checkedSeconds: seconds, nanoseconds: nanoseconds)
    }

    /// The instant at `milliseconds` since the epoch, clamped to `min ... max`.
    init(milliseconds: Int64) {
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let normalized = remainder < 0 ? (seconds - 1, remainder + 1000) : (seconds, remainder)
        if normalized.0 < APITime.min.seconds {
            self = .min
        } else if normalized.0 > APITime.max.seconds {
            self = .max
        } else {
            self.init(checkedSeconds: normalized.0, nanoseconds: normalized.1 * 1_000_000)
        }
    }

    /// Milliseconds since the epoch, sub-millisecond digits dropped (Prometheus's `timestamp.FromTime`).
    var milliseconds: Int64 { seconds * 1000 + nanoseconds / 1_000_000 }

    /// Nanoseconds from `other` to `self`, saturating at the bounds of `Int64` like Go's `Time.Sub`.
    func nanoseconds(since other: APITime) -> Int64 {
        let (secondsPart, overflow) = (seconds - other.seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds > other.seconds ? .max : .min }
        let (total, overflow2) = secondsPart.addingReportingOverflow(nanoseconds - other.nanoseconds)
        guard !overflow2 else { return secondsPart > 0 ? .max : .min }
        return total
    }

    /// Orders by time.
    static func < (lhs: APITime, rhs: APITime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
