import Foundation

/// Parses the `Retry-After` response header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
enum RetryAfter {
    /// The delay the header asks for, ms from `now` (0 for a date in the past), or nil when it cannot be parsed.
    static func delay(_ value: String, now: Int64) -> Int64? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard let seconds = Int64(text) else { return Int64.max / 2 }
            return seconds > Int64.max / 2_000 ? Int64.max / 2 : seconds * 1_000
        }
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard let date = httpDate(collapsed) else { return nil }
        return max(0, Int64((date.timeIntervalSince1970 * 1_000).rounded()) - now)
    }

    /// An HTTP-date in any of the three formats recipients must accept: IMF-fixdate, RFC 850 and asctime (single
    /// spaces).
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
