import Foundation

/// String helpers behind Prometheus's template functions: host/port handling (Go's `net` package), durations
/// (`model.ParseDuration`), title casing (`cases.Title` with `NoLower`), simple case mapping and URL paths.
enum PrometheusText {
    // MARK: - net

    /// `net.SplitHostPort`; nil where Go returns an error.
    static func splitHostPort(_ hostPort: String) -> (host: String, port: String)? {
        let bytes = Array(hostPort.utf8)
        guard let lastColon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        var host: ArraySlice<UInt8>
        var openSearchStart = 0
        var closeSearchStart = 0
        if bytes.first == UInt8(ascii: "[") {
            guard let end = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            switch end + 1 {
            case bytes.count: return nil
            case lastColon: break
            default: return nil
            }
            host = bytes[1..<end]
            openSearchStart = 1
            closeSearchStart = end + 1
        } else {
            host = bytes[..<lastColon]
            if host.contains(UInt8(ascii: ":")) { return nil }
        }
        if bytes[openSearchStart...].contains(UInt8(ascii: "[")) { return nil }
        if bytes[closeSearchStart...].contains(UInt8(ascii: "]")) { return nil }
        let port = bytes[(lastColon + 1)...]
        return (String(decoding: host, as: UTF8.self), String(decoding: port, as: UTF8.self))
    }

    /// `net.JoinHostPort`.
    static func joinHostPort(_ host: String, _ port: String) -> String {
        host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether `net.ParseIP` accepts `text` (dotted IPv4 or IPv6, no zone).
    static func isIP(_ text: String) -> Bool {
        isIPv4(Substring(text)) || isIPv6(text)
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(part), value <= 255
            else { return false }
            if part.count > 1 && part.first == "0" { return false }
        }
        return true
    }

    private static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        var body = Substring(text)
        var groupsAvailable = 8
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(body[body.index(after: lastColon)...]) else { return false }
            body = body[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
            groupsAvailable = 6
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ half: String) -> [Substring]? {
            if half.isEmpty { return [] }
            let items = half.split(separator: ":", omittingEmptySubsequences: false)
            for item in items {
                guard !item.isEmpty, item.count <= 4, item.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
                    return nil
                }
            }
            return items
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 2 {
            guard let tail = groups(halves[1]) else { return false }
            return head.count + tail.count < groupsAvailable
        }
        return head.count == groupsAvailable
    }

    // MARK: - Durations

    /// Prometheus's `model.ParseDurationAllowNegative`, in seconds.
    static func parseDuration(_ text: String) throws(TemplateFunction.Failure) -> Double {
        if text.hasPrefix("-") { return -(try parseDurationUnsigned(String(text.dropFirst()))) }
        return try parseDurationUnsigned(text)
    }

    private static let units: [String: (position: Int, nanoseconds: UInt64)] = [
        "y": (1, 365 * 86_400 * 1_000_000_000), "w": (2, 7 * 86_400 * 1_000_000_000),
        "d": (3, 86_400 * 1_000_000_000), "h": (4, 3_600 * 1_000_000_000), "m": (5, 60 * 1_000_000_000),
        "s": (6, 1_000_000_000), "ms": (7, 1_000_000),
    ]

    private static func parseDurationUnsigned(_ original: String) throws(TemplateFunction.Failure) -> Double {
        switch original {
        case "0": return 0
        case "": throw TemplateFunction.Failure("empty duration string")
        default: break
        }
        let invalid = TemplateFunction.Failure("not a valid duration string: \(GoText.quote(original))")
        let bytes = Array(original.utf8)
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        var index = 0
        var total: UInt64 = 0
        var lastPosition = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { throw invalid }
            let digitsStart = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            guard let value = UInt64(String(decoding: bytes[digitsStart..<index], as: UTF8.self)) else { throw invalid }
            let unitStart = index
            while index < bytes.count && !isDigit(bytes[index]) { index += 1 }
            guard index > unitStart else { throw invalid }
            let unitText = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = units[unitText] else {
                throw TemplateFunction.Failure(
                    "unknown unit \(GoText.quote(unitText)) in duration \(GoText.quote(original))")
            }
            guard unit.position > lastPosition else { throw invalid }
            lastPosition = unit.position
            if value > (UInt64(1) << 63) / unit.nanoseconds { throw TemplateFunction.Failure("duration out of range") }
            total += value * unit.nanoseconds
            if total > UInt64(Int64.max) { throw TemplateFunction.Failure("duration out of range") }
        }
        return Double(Int64(total)) / 1e9
    }

    // MARK: - Case

    /// `cases.Title(language.AmericanEnglish, cases.NoLower)`: the first cased letter of each word title-cased,
    /// everything else untouched (word breaks approximate Unicode's word-break rules as `x/text/cases` does).
    static func title(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inWord = false
        var previousWasMid = false
        for scalar in text.unicodeScalars {
            let mid = isMid(scalar)
            if previousWasMid && mid { inWord = false }
            if scalar.properties.isCased {
                if !inWord {
                    out.append(contentsOf: scalar.properties.titlecaseMapping.unicodeScalars)
                    inWord = true
                } else {
                    out.append(scalar)
                }
            } else {
                out.append(scalar)
                if isBreak(scalar) { inWord = false }
            }
            previousWasMid = mid
        }
        return String(out)
    }

    /// Word-break classes MidLetter, MidNumLet and Single_Quote.
    private static func isMid(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", ".", ":", "\u{B7}", "\u{387}", "\u{55F}", "\u{5F4}", "\u{2018}", "\u{2019}", "\u{2024}",
            "\u{2027}", "\u{FE13}", "\u{FE52}", "\u{FE55}", "\u{FF07}", "\u{FF0E}", "\u{FF1A}":
            return true
        default:
            return false
        }
    }

    /// Whether an uncased scalar ends a word (it is not a letter, digit, mark, format or connector character).
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        if isMid(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter:
            let value = scalar.value
            return scalar.properties.isIdeographic || (0x3040...0x30FF).contains(value)
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .format, .connectorPunctuation:
            return false
        default:
            return true
        }
    }

    /// Go's `strings.ToUpper`/`ToLower`: per-rune simple case mapping (`unicode.ToUpper`/`ToLower`), derived from the
    /// full mappings: a multi-rune full mapping has the titlecase form (upper) or `İ` → `i` (lower) as its simple
    /// mapping, or none.
    static func mapCase(_ text: String, upper: Bool) -> String {
        func single(_ mapping: String) -> Unicode.Scalar? {
            let scalars = mapping.unicodeScalars
            return scalars.count == 1 ? scalars.first : nil
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped: Unicode.Scalar?
            if upper {
                mapped = single(scalar.properties.uppercaseMapping) ?? single(scalar.properties.titlecaseMapping)
            } else {
                mapped = scalar == "\u{130}" ? "i" : single(scalar.properties.lowercaseMapping)
            }
            out.append(mapped ?? scalar)
        }
        return String(out)
    }

    // MARK: - URLs

    /// The path of an absolute URL (`url.URL.Path`), decoded.
    static func urlPath(_ url: String) -> String {
        var bytes = Array(url.utf8)[...]
        if let fragment = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes = bytes[..<fragment] }
        if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes = bytes[..<query] }
        let text = String(decoding: bytes, as: UTF8.self)
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...].utf8
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return "" }
            return GoEscaping.percentDecode(String(text[slash...]))
        }
        return GoEscaping.percentDecode(text)
    }
}
