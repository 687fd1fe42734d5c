import TimeSeries

/// Parameter parsing exactly as Prometheus's API does it, with its error messages.
enum APIParameters {
    /// A parameter that does not parse; `reason` is Prometheus's message without the `invalid parameter` prefix.
    struct Failure: Error, Hashable {
        /// E.g. `cannot parse "x" to a valid timestamp`.
        let reason: String
    }

    // MARK: - Times

    /// Prometheus's `parseTime`: a Unix time in seconds as a decimal float (rounded to the millisecond), or an
    /// RFC 3339 time with optional fractional seconds and a `Z` or `±hh:mm` offset, or the text of `MinTime` /
    /// `MaxTime` that Go's `time.Format` produces.
    static func time(_ text: String) throws(Failure) -> APITime {
        let failure = Failure(reason: "cannot parse \(GoQuote.quote(text)) to a valid timestamp")
        if isDecimalFloat(text) {
            guard let value = Double(text), value.isFinite, value.magnitude < 9.2e18 else { throw failure }
            let whole = value.rounded(.towardZero)
            let fraction = ((value - whole) * 1000).rounded() / 1000
            guard let time = APITime(seconds: Int64(whole), nanoseconds: Int64(fraction * 1e9)) else {
                throw failure
            }
            return time
        }
        if let time = rfc3339(text) { return time }
        switch text {
        case "-292273086-05-16T16:47:06Z": return .min
        case "292277025-08-18T07:12:54.999999999Z": return .max
        default: throw failure
        }
    }

    /// Prometheus's `parseTimeParam`: the default when the parameter is empty or absent, otherwise `time(_:)` with
    /// the reason prefixed by `invalid time value for '<name>': `.
    static func time(_ form: FormValues, _ name: String, default value: APITime) throws(Failure) -> APITime {
        let text = form[name]
        guard !text.isEmpty else { return value }
        do throws(Failure) {
            return try time(text)
        } catch {
            throw Failure(reason: "invalid time value for '\(name)': \(error.reason)")
        }
    }

    /// An RFC 3339 time as Go's `time.Parse(time.RFC3339Nano, …)` accepts it, or nil.
    static func rfc3339(_ text: String) -> APITime? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("T"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        var nanoseconds: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
        }
        var offset: Int64 = 0
        if expect("Z") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else {
                return nil
            }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return APITime(seconds: seconds, nanoseconds: nanoseconds)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    // MARK: - Durations

    /// Prometheus's `parseDuration`, in nanoseconds: a float number of seconds, or a Prometheus duration (`15s`,
    /// `1h30m`).
    static func duration(_ text: String) throws(Failure) -> Int64 {
        // Go's ParseFloat reads infinities but refuses finite text beyond the range of a double.
        let seconds: Double? =
            isInfinity(text)
            ? (text.hasPrefix("-") ? -.infinity : .infinity)
            : isDecimalFloat(text) ? Double(text).flatMap { $0.isFinite ? $0 : nil } : nil
        if let seconds {
            let nanoseconds = seconds * 1e9
            guard nanoseconds < 9.223372036854775807e18, nanoseconds >= -9.223372036854775808e18 else {
                throw Failure(reason: "cannot parse \(GoQuote.quote(text)) to a valid duration. It overflows int64")
            }
            return Int64(nanoseconds)
        }
        if let milliseconds = PrometheusDuration.milliseconds(text) {
            let (nanoseconds, overflow) = milliseconds.multipliedReportingOverflow(by: 1_000_000)
            if !overflow { return nanoseconds }
        }
        throw Failure(reason: "cannot parse \(GoQuote.quote(text)) to a valid duration")
    }

    // MARK: - Limits

    /// Prometheus's `parseLimitParam`: no limit (`Int.max`) when empty or 0, otherwise a non-negative integer.
    static func limit(_ text: String) throws(Failure) -> Int {
        guard !text.isEmpty else { return .max }
        let digits = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw Failure(reason: "strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax")
        }
        guard let value = Int(text) else {
            throw Failure(reason: "strconv.Atoi: parsing \(GoQuote.quote(text)): value out of range")
        }
        guard value >= 0 else { throw Failure(reason: "limit must be non-negative") }
        return value == 0 ? .max : value
    }

    // MARK: - Helpers

    /// Whether `text` is a decimal float as Go's `strconv.ParseFloat` reads it: `[+-]digits[.digits][e[+-]digits]`,
    /// with digits on at least one side of the point.
    static func isDecimalFloat(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(integer.count)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fraction)
        }
        guard integer.count + fraction > 0 else { return false }
        if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let exponent = bytes.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            bytes = bytes.dropFirst(exponent)
        }
        return bytes.isEmpty
    }

    private static func isInfinity(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let unsigned = lowered.first == "+" || lowered.first == "-" ? String(lowered.dropFirst()) : lowered
        return unsigned == "inf" || unsigned == "infinity"
    }
}
