/// PromQL's date functions (`day_of_month`, `day_of_week`, `day_of_year`, `days_in_month`, `hour`, `minute`,
/// `month`, `year`) in UTC.
///
/// Prometheus computes them as `f(time.Unix(int64(v), 0).UTC())`. This reproduces that exactly with integer
/// arithmetic: the float is truncated to whole seconds like Go's conversion on amd64 (NaN, ±Inf and values outside
/// the `Int64` range become `Int64.min`), and the civil date follows Go's calendar (days counted from March 1 of
/// the year -292277022400 in wrapping unsigned arithmetic), so even absurd inputs give Go's answers.
enum DateFunctions {
    /// One of the date functions.
    enum Function: String, Sendable, Hashable, CaseIterable {
        /// `day_of_month`: 1…31.
        case dayOfMonth = "day_of_month"
        /// `day_of_week`: 0 (Sunday)…6.
        case dayOfWeek = "day_of_week"
        /// `day_of_year`: 1…366.
        case dayOfYear = "day_of_year"
        /// `days_in_month`: 28…31.
        case daysInMonth = "days_in_month"
        /// `hour`: 0…23.
        case hour
        /// `minute`: 0…59.
        case minute
        /// `month`: 1…12.
        case month
        /// `year`.
        case year
    }

    /// The value of the date function called `name` for a time in seconds since the epoch (a sample value, or the
    /// evaluation time in seconds when the function has no argument); NaN for an unknown name.
    static func value(_ name: String, secondsSinceEpoch: Double) -> Double {
        guard let function = Function(rawValue: name) else { return .nan }
        return value(function, secondsSinceEpoch: secondsSinceEpoch)
    }

    /// The value of `function` for a time in seconds since the epoch.
    static func value(_ function: Function, secondsSinceEpoch: Double) -> Double {
        value(function, unixSeconds: goInt64(secondsSinceEpoch))
    }

    /// The value of `function` for whole seconds since the epoch (for the argument-less form Prometheus uses the
    /// evaluation time in milliseconds divided by 1000, truncated).
    static func value(_ function: Function, unixSeconds: Int64) -> Double {
        let seconds = absoluteSeconds(unixSeconds)
        let days = seconds / secondsPerDay
        switch function {
        case .hour: return Double((seconds % secondsPerDay) / 3600)
        case .minute: return Double((seconds % 3600) / 60)
        case .dayOfWeek: return Double((days &+ 3) % 7)  // March 1 of the absolute year was a Wednesday.
        case .dayOfMonth: return Double(CivilDate(absoluteDays: days).day)
        case .month: return Double(CivilDate(absoluteDays: days).month)
        case .year: return Double(CivilDate(absoluteDays: days).year)
        case .dayOfYear: return Double(CivilDate(absoluteDays: days).dayOfYear)
        case .daysInMonth:
            // Go: 32 - time.Date(year, month, 32, 0, 0, 0, 0, UTC).Day(), through the same wrapping arithmetic.
            let date = CivilDate(absoluteDays: days)
            let thirtySecond = absoluteDays(year: date.year, month: date.month, day: 32)
            let unix = Int64(bitPattern: thirtySecond) &* Int64(secondsPerDay) &+ absoluteToUnix
            return Double(32 - CivilDate(absoluteDays: absoluteSeconds(unix) / secondsPerDay).day)
        }
    }

    /// Go's `int64(f)` on amd64: truncation toward zero, and the "integer indefinite" `Int64.min` for NaN, ±Inf
    /// and anything outside the `Int64` range.
    static func goInt64(_ value: Double) -> Int64 {
        if value.isNaN || value >= 0x1p63 || value < -0x1p63 { return .min }
        return Int64(value)
    }

    // MARK: - Go's calendar

    private static let secondsPerDay: UInt64 = 86_400
    /// Years from the absolute zero instant (March 1, -292277022400) to year 0.
    private static let absoluteYears: UInt64 = 292_277_022_400
    /// Seconds from the absolute zero instant to the Unix epoch.
    private static let unixToAbsolute: Int64 = 9_223_372_028_741_760_000
    private static let absoluteToUnix: Int64 = -unixToAbsolute

    /// Unix seconds as seconds since the absolute zero instant, wrapping like Go's `absSec`.
    private static func absoluteSeconds(_ unixSeconds: Int64) -> UInt64 {
        UInt64(bitPattern: unixSeconds &+ unixToAbsolute)
    }

    /// Go's `dateToAbsDays`: the absolute day number of a (possibly out-of-range) civil date.
    private static func absoluteDays(year: Int, month: Int, day: Int) -> UInt64 {
        var marchMonth = UInt32(truncatingIfNeeded: month)
        let janFeb: UInt32 = marchMonth < 3 ? 1 : 0
        marchMonth &+= 12 &* janFeb
        let years = UInt64(bitPattern: Int64(year)) &- UInt64(janFeb) &+ absoluteYears
        let dayOfMarchYear = (979 &* marchMonth &- 2919) >> 5
        let century = years / 100
        let yearOfCentury = UInt32(truncatingIfNeeded: years % 100)
        let daysInCentury = 1461 &* yearOfCentury / 4
        let centuryDays = 146_097 &* century / 4
        return centuryDays &+ UInt64(bitPattern: Int64(daysInCentury &+ dayOfMarchYear) &+ Int64(day) &- 1)
    }

    /// A civil date split from an absolute day number the way Go's `absDays.split` does (Neri–Schneider).
    private struct CivilDate {
        let year: Int
        let month: Int
        let day: Int
        let dayOfYear: Int

        init(absoluteDays days: UInt64) {
            let shifted = 4 &* days &+ 3
            let century = shifted / 146_097
            let centuryDay = UInt32(truncatingIfNeeded: shifted % 146_097) | 3
            let product = UInt64(2_939_745) &* UInt64(centuryDay)
            let yearOfCentury = Int(product >> 32)
            let dayOfMarchYear = Int(UInt32(truncatingIfNeeded: product) / 2_939_745 / 4)
            let monthAndDay = 2141 &* UInt32(dayOfMarchYear) &+ 197_913
            let marchMonth = Int(monthAndDay >> 16)
            day = 1 + Int((monthAndDay & 0xFFFF) / 2141)
            let janFeb = dayOfMarchYear >= 306 ? 1 : 0
            month = marchMonth - 12 * janFeb
            year = Int(bitPattern: UInt(century &* 100 &- DateFunctions.absoluteYears)) &+ yearOfCentury &+ janFeb
            let isLeap = yearOfCentury % 4 == 0 && (yearOfCentury != 0 || century % 4 == 0)
            dayOfYear = dayOfMarchYear + (1 + 31 + 28) + (isLeap && janFeb == 0 ? 1 : 0) - 365 * janFeb
        }
    }
}
