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
        case .invalid(let text): "not a valid duration string: \(GoQuote.quote(text))"
        case .unknownUnit(let unit, let text): "unknown unit \(GoQuote.quote(unit)) in duration \(GoQuote.quote(text))"
        case .outOfRange: "duration out of range"
        }
    }
}
