import HTTPServer
import TimeSeries

/// The parameters of an API request, as Go's `Request.ParseForm` collects them: the
/// `application/x-www-form-urlencoded` body of a POST first, then the URL's query string; repeated keys keep every
/// value in that order.
///
/// Decoding follows Go's `url.ParseQuery`: pairs split at `&`, key and value at the first `=`, `+` is a space,
/// `%XX` a byte. A malformed pair (a bad escape, a `;`) is skipped and the first problem kept in `problem`;
/// Prometheus reports it only where it calls `ParseForm` itself (`/api/v1/series`).
struct FormValues: Sendable {
    private var pairs: [(key: String, value: String)] = []
    /// The first decoding problem, in Go's words (`invalid URL escape "%zz"`).
    private(set) var problem: String?

    /// No parameters.
    init() {}

    /// Parameters from literal pairs (used by the CLI, which has them already decoded).
    init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { (key: $0.0, value: $0.1) }
    }

    /// Collects a request's parameters.
    init(request: HTTPRequest) {
        if request.method == "POST" || request.method == "PUT" || request.method == "PATCH",
            FormValues.isFormEncoded(request.headers["Content-Type"])
        {
            add(encoded: String(decoding: request.body, as: UTF8.self))
        }
        if let query = request.query { add(encoded: query) }
    }

    /// The first value of `key`, or `""` when absent (Go's `FormValue`).
    subscript(key: String) -> String {
        pairs.first { $0.key == key }?.value ?? ""
    }

    /// Every value of `key`, in order.
    func values(_ key: String) -> [String] {
        pairs.compactMap { $0.key == key ? $0.value : nil }
    }

    /// Whether a Content-Type is `application/x-www-form-urlencoded` (parameters such as `charset` ignored).
    static func isFormEncoded(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingASCIIWhitespace().lowercased() == "application/x-www-form-urlencoded"
    }

    /// Adds the pairs of an encoded query or body.
    mutating func add(encoded: String) {
        for piece in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            if piece.contains(";") {
                problem = problem ?? "invalid semicolon separator in query"
                continue
            }
            let rawKey: Substring
            let rawValue: Substring
            if let equals = piece.firstIndex(of: "=") {
                rawKey = piece[..<equals]
                rawValue = piece[piece.index(after: equals)...]
            } else {
                rawKey = piece
                rawValue = ""
            }
            do throws(EscapeError) {
                let key = try FormValues.unescape(rawKey, plusIsSpace: true)
                let value = try FormValues.unescape(rawValue, plusIsSpace: true)
                pairs.append((key: key, value: value))
            } catch {
                problem = problem ?? error.message
            }
        }
    }

    /// A percent-decoding failure, in Go's words.
    struct EscapeError: Error {
        /// `invalid URL escape "%zz"`.
        let message: String
    }

    /// Percent-decodes `text`; with `plusIsSpace` (query strings and forms) `+` becomes a space.
    static func unescape(_ text: Substring, plusIsSpace: Bool) throws(EscapeError) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) || (plusIsSpace && bytes.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else {
                    let escape = String(decoding: bytes[index..<min(index + 3, bytes.count)], as: UTF8.self)
                    throw EscapeError(message: "invalid URL escape \(GoQuote.quote(escape))")
                }
                out.append(high << 4 | low)
                index += 3
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(UInt8(ascii: " "))
                index += 1
            default:
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes `text` for a query string or form body (`application/x-www-form-urlencoded`).
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 0x10 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }

    /// The pairs encoded as a form body or query string.
    var encoded: String {
        pairs.map { FormValues.escape($0.key) + "=" + FormValues.escape($0.value) }.joined(separator: "&")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingASCIIWhitespace() -> Substring {
        let text = Substring(self)
        let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" }.map { text.index(after: $0) } ?? start
        return text[start..<Swift.max(start, end)]
    }
}
