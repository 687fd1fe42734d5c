/// Go's `time.Time` (UTC only) and `time.Duration` formatting.
enum GoTime {
    /// A UTC calendar breakdown of a nanosecond timestamp.
    struct Civil {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int
        var nanosecond: Int
        var weekday: Int
        var yearDay: Int
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Splits nanoseconds since the epoch into UTC calendar fields.
    static func civil(_ nanoseconds: Int64) -> Civil {
        var seconds = nanoseconds / 1_000_000_000
        var nanos = nanoseconds % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var weekday = (days + 4) % 7
        if weekday < 0 { weekday += 7 }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let yearDay = cumulative[Int(month) - 1] + Int(day) + (isLeap && month > 2 ? 1 : 0)
        return Civil(
            year: Int(year), month: Int(month), day: Int(day), hour: Int(secondOfDay / 3600),
            minute: Int(secondOfDay % 3600 / 60), second: Int(secondOfDay % 60), nanosecond: Int(nanos),
            weekday: Int(weekday), yearDay: yearDay)
    }

    /// `time.Time.String()` for a UTC time: `2006-01-02 15:04:05.999999999 -0700 MST`.
    static func string(_ nanoseconds: Int64) -> String {
        format(nanoseconds, layout: "2006-01-02 15:04:05.999999999 -0700 MST")
    }

    /// `time.Time.Format(layout)` for a UTC time.
    static func format(_ nanoseconds: Int64, layout: String) -> String {
        let time = civil(nanoseconds)
        var out = ""
        var rest = Array(layout.unicodeScalars)[...]
        while !rest.isEmpty {
            guard let (prefix, chunk, suffix) = nextChunk(rest) else {
                out.unicodeScalars.append(contentsOf: rest)
                break
            }
            out.unicodeScalars.append(contentsOf: prefix)
            out += render(chunk, time)
            rest = suffix
        }
        return out
    }

    private enum Chunk {
        case longMonth, month, numMonth, zeroMonth, longWeekday, weekday, day, underDay, zeroDay
        case underYearDay, zeroYearDay, hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year, upperPM, lowerPM, zoneName, isoZone(String), numericZone(String)
        case fraction(digits: Int, trim: Bool, separator: Unicode.Scalar)
    }

    /// Go's `nextStdChunk`.
    private static func nextChunk(_ layout: ArraySlice<Unicode.Scalar>)
        -> (ArraySlice<Unicode.Scalar>, Chunk, ArraySlice<Unicode.Scalar>)?
    {
        let characters = Array(layout)
        func has(_ text: String, at index: Int) -> Bool {
            let needle = Array(text.unicodeScalars)
            guard index + needle.count <= characters.count else { return false }
            return Array(characters[index..<(index + needle.count)]) == needle
        }
        func split(_ index: Int, _ length: Int, _ chunk: Chunk)
            -> (ArraySlice<Unicode.Scalar>, Chunk, ArraySlice<Unicode.Scalar>)
        {
            (layout.prefix(index), chunk, layout.dropFirst(index + length))
        }
        func startsWithLower(_ index: Int) -> Bool {
            guard index < characters.count else { return false }
            return ("a"..."z").contains(characters[index])
        }
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "J":
                if has("Jan", at: index) {
                    if has("January", at: index) { return split(index, 7, .longMonth) }
                    if !startsWithLower(index + 3) { return split(index, 3, .month) }
                }
            case "M":
                if has("Mon", at: index) {
                    if has("Monday", at: index) { return split(index, 6, .longWeekday) }
                    if !startsWithLower(index + 3) { return split(index, 3, .weekday) }
                }
                if has("MST", at: index) { return split(index, 3, .zoneName) }
            case "0":
                if index + 1 < characters.count, ("1"..."6").contains(characters[index + 1]) {
                    let chunks: [Chunk] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return split(index, 2, chunks[Int(characters[index + 1].value) - 49])
                }
                if has("002", at: index) { return split(index, 3, .zeroYearDay) }
            case "1":
                if has("15", at: index) { return split(index, 2, .hour) }
                return split(index, 1, .numMonth)
            case "2":
                if has("2006", at: index) { return split(index, 4, .longYear) }
                return split(index, 1, .day)
            case "_":
                if has("_2", at: index) {
                    if has("_2006", at: index) { return split(index + 1, 4, .longYear) }
                    return split(index, 2, .underDay)
                }
                if has("__2", at: index) { return split(index, 3, .underYearDay) }
            case "3": return split(index, 1, .hour12)
            case "4": return split(index, 1, .minute)
            case "5": return split(index, 1, .second)
            case "P":
                if has("PM", at: index) { return split(index, 2, .upperPM) }
            case "p":
                if has("pm", at: index) { return split(index, 2, .lowerPM) }
            case "-":
                for zone in ["-070000", "-07:00:00", "-0700", "-07:00", "-07"] where has(zone, at: index) {
                    return split(index, zone.count, .numericZone(zone))
                }
            case "Z":
                for zone in ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"] where has(zone, at: index) {
                    return split(index, zone.count, .isoZone(zone))
                }
            case ".", ",":
                if index + 1 < characters.count && (characters[index + 1] == "0" || characters[index + 1] == "9") {
                    let digit = characters[index + 1]
                    var end = index + 1
                    while end < characters.count && characters[end] == digit { end += 1 }
                    let nextIsDigit = end < characters.count && ("0"..."9").contains(characters[end])
                    if !nextIsDigit {
                        let chunk = Chunk.fraction(
                            digits: end - index - 1, trim: digit == "9",
                            separator: characters[index])
                        return split(index, end - index, chunk)
                    }
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func padded(_ value: Int, _ width: Int, _ pad: Character = "0") -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: pad, count: max(0, width - digits.count)) + digits
    }

    private static func render(_ chunk: Chunk, _ time: Civil) -> String {
        switch chunk {
        case .longMonth: return monthNames[time.month - 1]
        case .month: return String(monthNames[time.month - 1].prefix(3))
        case .numMonth: return String(time.month)
        case .zeroMonth: return padded(time.month, 2)
        case .longWeekday: return dayNames[time.weekday]
        case .weekday: return String(dayNames[time.weekday].prefix(3))
        case .day: return String(time.day)
        case .underDay: return padded(time.day, 2, " ")
        case .zeroDay: return padded(time.day, 2)
        case .underYearDay: return padded(time.yearDay, 3, " ")
        case .zeroYearDay: return padded(time.yearDay, 3)
        case .hour: return padded(time.hour, 2)
        case .hour12: return String(time.hour % 12 == 0 ? 12 : time.hour % 12)
        case .zeroHour12: return padded(time.hour % 12 == 0 ? 12 : time.hour % 12, 2)
        case .minute: return String(time.minute)
        case .zeroMinute: return padded(time.minute, 2)
        case .second: return String(time.second)
        case .zeroSecond: return padded(time.second, 2)
        case .longYear: return padded(time.year, 4)
        case .year: return padded(((time.year % 100) + 100) % 100, 2)
        case .upperPM: return time.hour >= 12 ? "PM" : "AM"
        case .lowerPM: return time.hour >= 12 ? "pm" : "am"
        case .zoneName: return "UTC"
        case .isoZone: return "Z"
        case .numericZone(let layout):
            switch layout {
            case "-070000": return "+000000"
            case "-07:00:00": return "+00:00:00"
            case "-0700": return "+0000"
            case "-07:00": return "+00:00"
            default: return "+00"
            }
        case .fraction(let digits, let trim, let separator):
            var fraction = padded(time.nanosecond, 9)
            fraction = String(fraction.prefix(digits))
            if trim {
                while fraction.hasSuffix("0") { fraction.removeLast() }
                if fraction.isEmpty { return "" }
            }
            return String(Character(separator)) + fraction
        }
    }

    // MARK: - Durations

    /// `time.Duration.String()`: `72h3m0.5s`, `1.5ms`, `0s`.
    static func durationString(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var value = nanoseconds.magnitude
        var out = ""
        if value < 1_000_000_000 {
            let precision: Int
            let unit: String
            switch value {
            case 0: return "0s"
            case ..<1000:
                precision = 0
                unit = "ns"
            case ..<1_000_000:
                precision = 3
                unit = "µs"
            default:
                precision = 6
                unit = "ms"
            }
            let (fraction, whole) = fractionText(value, precision: precision)
            out = String(whole) + fraction + unit
        } else {
            let (fraction, wholeSeconds) = fractionText(value, precision: 9)
            value = wholeSeconds
            out = String(value % 60) + fraction + "s"
            value /= 60
            if value > 0 {
                out = String(value % 60) + "m" + out
                value /= 60
                if value > 0 { out = String(value) + "h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// Go's `fmtFrac`: `.12345` without trailing zeros (empty when the fraction is zero), and value / 10^precision.
    private static func fractionText(_ value: UInt64, precision: Int) -> (String, UInt64) {
        var remaining = value
        var digits: [Character] = []
        var printing = false
        for _ in 0..<precision {
            let digit = remaining % 10
            printing = printing || digit != 0
            if printing { digits.append(Character(String(digit))) }
            remaining /= 10
        }
        guard printing else { return ("", remaining) }
        return ("." + String(digits.reversed()), remaining)
    }
}
