/// Prometheus metric names for OTLP metrics (reference/otlp.md §6.1–6.3; prometheus/otlptranslator).
enum MetricNamer {
    /// What the naming rules need to know about a metric's type.
    enum Kind {
        /// A gauge.
        case gauge
        /// A monotonic sum: a counter.
        case counter
        /// A non-monotonic sum: stored like a gauge, but never given `_ratio`.
        case upDownCounter
        /// A histogram, exponential histogram or summary.
        case distribution
    }

    /// The base name of a metric (histograms and summaries add `_bucket`, `_sum`, `_count`), or nil when nothing
    /// usable is left of it.
    static func name(_ name: String, unit: String, kind: Kind, naming: TranslationOptions.Naming) -> String? {
        switch naming {
        case .underscores: escaped(name)
        case .prometheus: withSuffixes(name, unit: unit, kind: kind)
        }
    }

    /// Whether `byte` may appear in a metric name token: `[A-Za-z0-9:]`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }

    /// `UnderscoreEscapingWithoutSuffixes`: each run of characters outside `[A-Za-z0-9_:]` becomes one `_` between
    /// the parts around it (leading and trailing runs vanish); a leading digit gets a `_` prefix. Nil for an empty
    /// result, or one made only of `_` that differs from the input.
    static func escaped(_ name: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(name.utf8.count &+ 1)
        var pendingSeparator = false
        var changed = false
        for byte in name.utf8 {
            if isTokenByte(byte) || byte == UInt8(ascii: "_") {
                if pendingSeparator, !output.isEmpty { output.append(UInt8(ascii: "_")) }
                pendingSeparator = false
                output.append(byte)
            } else {
                // Every byte of a multi-byte character is outside the set, so a character counts once per run.
                pendingSeparator = true
                changed = true
            }
        }
        if let first = output.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            output.insert(UInt8(ascii: "_"), at: 0)
            changed = true
        }
        guard !output.isEmpty else { return nil }
        if !changed { return name }
        guard output.contains(where: { $0 != UInt8(ascii: "_") }) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// `UnderscoreEscapingWithSuffixes`: tokens of `[A-Za-z0-9:]`, the unit word unless a token already equals it,
    /// then the `per_` unit, then `total` (monotonic sums) or `ratio` (gauges of unit exactly `1`) moved to the end.
    static func withSuffixes(_ name: String, unit: String, kind: Kind) -> String? {
        var tokens = tokenize(name)
        let (main, per) = unitSuffixes(unit)
        var mainSuffix = main
        if tokens.contains(mainSuffix) { mainSuffix = "" }
        var perSuffix = per
        if perSuffix == "per_" {
            perSuffix = ""
        } else {
            while perSuffix.hasSuffix("_") { perSuffix.removeLast() }
            if tokens.contains(perSuffix) { perSuffix = "" }
        }
        if !perSuffix.isEmpty {
            while mainSuffix.hasSuffix("_") { mainSuffix.removeLast() }
        }
        if !mainSuffix.isEmpty { tokens.append(mainSuffix) }
        if !perSuffix.isEmpty { tokens.append(perSuffix) }
        switch kind {
        case .counter:
            tokens.removeAll { $0 == "total" }
            tokens.append("total")
        case .gauge where unit == "1":
            tokens.removeAll { $0 == "ratio" }
            tokens.append("ratio")
        case .gauge, .upDownCounter, .distribution:
            break
        }
        var result = tokens.joined(separator: "_")
        if let first = result.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            result = "_" + result
        }
        guard !result.isEmpty else { return nil }
        if result != name, !result.utf8.contains(where: { $0 != UInt8(ascii: "_") }) { return nil }
        return result
    }

    /// The runs of `[A-Za-z0-9:]` in `name`.
    private static func tokenize(_ name: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        for byte in name.utf8 {
            if isTokenByte(byte) {
                current.append(byte)
            } else if !current.isEmpty {
                tokens.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }

    // MARK: - Units

    /// UCUM units and their Prometheus words (reference/otlp.md §6.3); `1` has no suffix.
    private static let unitWords: [String: String] = [
        "d": "days", "h": "hours", "min": "minutes", "s": "seconds", "ms": "milliseconds", "us": "microseconds",
        "ns": "nanoseconds", "By": "bytes", "KiBy": "kibibytes", "MiBy": "mebibytes", "GiBy": "gibibytes",
        "TiBy": "tibibytes", "KBy": "kilobytes", "MBy": "megabytes", "GBy": "gigabytes", "TBy": "terabytes",
        "m": "meters", "V": "volts", "A": "amperes", "J": "joules", "W": "watts", "g": "grams", "Cel": "celsius",
        "Hz": "hertz", "1": "", "%": "percent",
    ]

    /// The units after a `/`, in the singular (`m` means minute here).
    private static let perUnitWords: [String: String] = [
        "s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year",
    ]

    /// The main and `per_` suffixes of a unit such as `By/s`: each part trimmed, dropped when empty or annotated
    /// (`{packet}`), mapped through the tables (unknown units pass through), and cleaned to name characters.
    static func unitSuffixes(_ unit: String) -> (main: String, per: String) {
        let parts = unit.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        func usable(_ part: Substring?) -> String? {
            guard let part else { return nil }
            let trimmed = String(
                part.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
                    .reversed())
            guard !trimmed.isEmpty, !trimmed.contains("{"), !trimmed.contains("}") else { return nil }
            return trimmed
        }
        var main = ""
        var per = ""
        if let part = usable(parts.first) { main = clean(unitWords[part] ?? part) }
        if parts.count > 1, let part = usable(parts[1]) { per = clean("per_" + (perUnitWords[part] ?? part)) }
        return (main, per)
    }

    /// Characters outside `[A-Za-z0-9_:]` become `_`, runs of `_` collapse, and a leading `_` is removed.
    private static func clean(_ text: String) -> String {
        var output: [UInt8] = []
        for byte in text.utf8 {
            let mapped = isTokenByte(byte) ? byte : UInt8(ascii: "_")
            if mapped == UInt8(ascii: "_"), output.last == UInt8(ascii: "_") || output.isEmpty { continue }
            output.append(mapped)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
