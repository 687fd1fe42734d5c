/// Prometheus's `humanize*` template functions (and the numeric input conversion they share).
enum Humanize {
    /// Go's `%.4g`.
    static func g4(_ value: Double) -> String {
        GoFloat.format(value, verb: "g", precision: 4)
    }

    /// `humanize`: SI prefixes (`1.235M`, `120m`).
    static func humanize(_ value: Double) -> String {
        if value == 0 || value.isNaN || value.isInfinite { return g4(value) }
        var scaled = value
        var prefix = ""
        if abs(scaled) >= 1 {
            for candidate in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if abs(scaled) < 1000 { break }
                prefix = candidate
                scaled /= 1000
            }
            return g4(scaled) + prefix
        }
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(scaled) >= 1 { break }
            prefix = candidate
            scaled *= 1000
        }
        return g4(scaled) + prefix
    }

    /// `humanize1024`: binary prefixes (`1Mi`).
    static func humanize1024(_ value: Double) -> String {
        if abs(value) <= 1 || value.isNaN || value.isInfinite { return g4(value) }
        var scaled = value
        var prefix = ""
        for candidate in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if abs(scaled) < 1024 { break }
            prefix = candidate
            scaled /= 1024
        }
        return g4(scaled) + prefix
    }

    /// `humanizeDuration`: seconds as `1d 2h 3m 4s`, or with sub-second prefixes (`100ms`).
    static func humanizeDuration(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return g4(value) }
        if value == 0 { return g4(value) + "s" }
        if abs(value) >= 1 {
            var magnitude = value
            var sign = ""
            if magnitude < 0 {
                sign = "-"
                magnitude = -magnitude
            }
            let duration = goInt64(magnitude)
            let seconds = duration % 60
            let minutes = (duration / 60) % 60
            let hours = (duration / 60 / 60) % 24
            let days = duration / 60 / 60 / 24
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + g4(magnitude) + "s"
        }
        var scaled = value
        var prefix = ""
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(scaled) >= 1 { break }
            prefix = candidate
            scaled *= 1000
        }
        return g4(scaled) + prefix + "s"
    }

    /// `humanizePercentage`: `%.4g%%` of value × 100.
    static func humanizePercentage(_ value: Double) -> String {
        g4(value * 100) + "%"
    }

    /// Go's `int64(f)` conversion: truncation, and (on amd64) the minimum int64 when out of range.
    static func goInt64(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -0x1p63, value < 0x1p63 else { return Int64.min }
        return Int64(value)
    }

    /// `FloatToTime`: seconds to nanoseconds since the epoch, truncated to milliseconds as `model.Time` does.
    static func timeNanoseconds(_ seconds: Double) throws(TemplateFunction.Failure) -> Int64 {
        if seconds.isNaN || seconds.isInfinite { throw TemplateFunction.Failure("value is NaN or Inf") }
        let nanoseconds = seconds * 1e9
        if nanoseconds > 0x1p63 || nanoseconds < -0x1p63 {
            throw TemplateFunction.Failure(
                "\(GoFloat.formatShortest(seconds)) cannot be represented as a nanoseconds timestamp since it "
                    + "overflows int64")
        }
        let milliseconds = goInt64(nanoseconds) / 1_000_000
        return milliseconds * 1_000_000
    }

    /// `humanizeTimestamp`: a UTC time printed as Go's `time.Time.String()`.
    static func humanizeTimestamp(_ seconds: Double) throws(TemplateFunction.Failure) -> String {
        if seconds.isNaN || seconds.isInfinite { return g4(seconds) }
        return GoTime.string(try timeNanoseconds(seconds))
    }

    /// Prometheus's `ConvertToFloat`: float64, numeric strings, Go integers and durations; anything else is an error.
    static func toFloat(_ value: TemplateValue) throws(TemplateFunction.Failure) -> Double {
        switch value {
        case .float(let number):
            return number
        case .string(let text):
            switch GoStrconv.parseFloat(text) {
            case .success(let number): return number
            case .failure(let error): throw TemplateFunction.Failure(GoStrconv.parseFloatErrorText(text, error))
            }
        case .integer(let number, let type) where type != .uint8:
            return Double(number)
        case .duration(let nanoseconds, false):
            return Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
        default:
            throw TemplateFunction.Failure("can't convert \(value.typeName) to float")
        }
    }
}
