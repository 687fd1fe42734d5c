/// Methods templates can call on the values Prometheus functions return (`time.Time` from `toTime`,
/// `time.Duration` from `toDuration`), e.g. `{{ (toTime 0).Format "2006" }}`.
enum TemplateMethods {
    /// The method `name` bound to `receiver`, if Go's type has it.
    static func method(_ name: String, of receiver: TemplateValue) -> TemplateFunction? {
        switch receiver {
        case .time(let nanoseconds, _): timeMethod(name, nanoseconds)
        case .duration(let nanoseconds, _): durationMethod(name, nanoseconds)
        default: nil
        }
    }

    private static func constant(_ value: TemplateValue) -> TemplateFunction {
        TemplateFunction([]) { _, _ in value }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func timeMethod(_ name: String, _ nanoseconds: Int64) -> TemplateFunction? {
        let civil = GoTime.civil(nanoseconds)
        switch name {
        case "Format":
            return TemplateFunction([.string]) { args, _ in
                guard case .string(let layout) = args[0] else { return .invalid }
                return .string(GoTime.format(nanoseconds, layout: layout))
            }
        case "String": return constant(.string(GoTime.string(nanoseconds)))
        case "Unix": return constant(.integer(floorDivide(nanoseconds, 1_000_000_000), .int64))
        case "UnixMilli": return constant(.integer(floorDivide(nanoseconds, 1_000_000), .int64))
        case "UnixMicro": return constant(.integer(floorDivide(nanoseconds, 1000), .int64))
        case "UnixNano": return constant(.integer(nanoseconds, .int64))
        case "UTC": return constant(.time(nanoseconds, pointer: false))
        case "Year": return constant(.integer(Int64(civil.year), .int))
        case "Day": return constant(.integer(Int64(civil.day), .int))
        case "YearDay": return constant(.integer(Int64(civil.yearDay), .int))
        case "Hour": return constant(.integer(Int64(civil.hour), .int))
        case "Minute": return constant(.integer(Int64(civil.minute), .int))
        case "Second": return constant(.integer(Int64(civil.second), .int))
        case "Nanosecond": return constant(.integer(Int64(civil.nanosecond), .int))
        default: return nil
        }
    }

    private static func durationMethod(_ name: String, _ nanoseconds: Int64) -> TemplateFunction? {
        let seconds = nanoseconds / 1_000_000_000
        let remainder = nanoseconds % 1_000_000_000
        switch name {
        case "String": return constant(.string(GoTime.durationString(nanoseconds)))
        case "Seconds": return constant(.float(Double(seconds) + Double(remainder) / 1e9))
        case "Minutes":
            let minutes = nanoseconds / 60_000_000_000
            let rest = nanoseconds % 60_000_000_000
            return constant(.float(Double(minutes) + Double(rest) / 60e9))
        case "Hours":
            let hours = nanoseconds / 3_600_000_000_000
            let rest = nanoseconds % 3_600_000_000_000
            return constant(.float(Double(hours) + Double(rest) / 3600e9))
        case "Milliseconds": return constant(.integer(nanoseconds / 1_000_000, .int64))
        case "Microseconds": return constant(.integer(nanoseconds / 1000, .int64))
        case "Nanoseconds": return constant(.integer(nanoseconds, .int64))
        case "Abs":
            let magnitude = nanoseconds == Int64.min ? Int64.max : abs(nanoseconds)
            return constant(.duration(magnitude, pointer: false))
        default: return nil
        }
    }
}
