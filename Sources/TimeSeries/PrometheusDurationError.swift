/// Why a duration did not parse, printed as prometheus/common's `model.ParseDuration` words it.
public enum PrometheusDurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// The text does not follow the grammar (sign, fraction, missing or repeated unit, units out of order).
    case invalid(String)
    /// A unit that is not one of `y w d h m s ms`.
    case unknownUnit(String, in: String)
    /// More than Go's `time.Duration` holds (about 292 years).
    case outOfRange

    /// The message, e.g. `not a valid duration string: "1.5h"`.
    public var description: String {
        switch self {
        case .empty: "empty duration string"
        case .invalid(let text): "not a valid duration string: \(Self.quoted(text))"
        case .unknownUnit(let unit, let text): "unknown unit \(Self.quoted(unit)) in duration \(Self.quoted(text))"
        case .outOfRange: "duration out of range"
        }
    }

    /// Go's `%q` for the characters a duration text can realistically hold.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
