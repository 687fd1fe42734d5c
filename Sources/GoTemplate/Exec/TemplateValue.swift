/// A dynamically typed value during execution, standing for the Go values Prometheus templates can produce. Each
/// case knows its Go type name (for `%T` and error texts) and its `reflect.Kind` class (for comparisons and truth).
enum TemplateValue: Sendable {
    /// Go integer types that templates meet.
    enum IntegerType: Sendable {
        case int, int64, uint8

        var name: String {
            switch self {
            case .int: "int"
            case .int64: "int64"
            case .uint8: "uint8"
            }
        }
    }

    /// The zero `reflect.Value` (`<no value>`, an untyped nil).
    case invalid
    case bool(Bool)
    case integer(Int64, IntegerType)
    case float(Double)
    case complex(Double, Double)
    case string(String)
    /// `html/template.HTML`, from `safeHtml`.
    case html(String)
    case stringMap([String: String])
    /// `map[string]interface {}`, from `args`; a missing entry is `.invalid`.
    case anyMap([String: TemplateValue])
    /// Prometheus's `queryResult` (`[]*sample`).
    case queryResult([TemplateQuerySample])
    /// `*sample`; nil is a nil pointer.
    case sample(TemplateQuerySample?)
    /// `time.Time` (or `*time.Time` when `pointer`), as nanoseconds since the epoch, always UTC.
    case time(Int64, pointer: Bool)
    /// `time.Duration` (or `*time.Duration`), in nanoseconds.
    case duration(Int64, pointer: Bool)
    /// The alert template data.
    case alert(AlertData)

    /// Go's basic kind classes used by `eq`/`lt` and friends.
    enum BasicKind {
        case invalid, bool, complex, int, float, string, uint
    }

    /// The value's type name as `reflect.Type.String()` prints it (`<nil>` for no value).
    var typeName: String {
        switch self {
        case .invalid: "<nil>"
        case .bool: "bool"
        case .integer(_, let type): type.name
        case .float: "float64"
        case .complex: "complex128"
        case .string: "string"
        case .html: "template.HTML"
        case .stringMap: "map[string]string"
        case .anyMap: "map[string]interface {}"
        case .queryResult: "template.queryResult"
        case .sample: "*template.sample"
        case .time(_, let pointer): pointer ? "*time.Time" : "time.Time"
        case .duration(_, let pointer): pointer ? "*time.Duration" : "time.Duration"
        case .alert: AlertData.typeName
        }
    }

    var basicKind: BasicKind {
        switch self {
        case .bool: .bool
        case .integer(_, let type): type == .uint8 ? .uint : .int
        case .float: .float
        case .complex: .complex
        case .string, .html: .string
        case .duration(_, let pointer): pointer ? .invalid : .int
        default: .invalid
        }
    }

    var isValid: Bool {
        if case .invalid = self { return false }
        return true
    }

    /// Go's `isTrue`: not the zero value of its type.
    var truth: Bool {
        switch self {
        case .invalid: false
        case .bool(let value): value
        case .integer(let value, _): value != 0
        case .float(let value): value != 0
        case .complex(let real, let imaginary): real != 0 || imaginary != 0
        case .string(let text), .html(let text): !text.isEmpty
        case .stringMap(let map): !map.isEmpty
        case .anyMap(let map): !map.isEmpty
        case .queryResult(let samples): !samples.isEmpty
        case .sample(let sample): sample != nil
        case .time: true
        case .duration(let value, let pointer): pointer || value != 0
        case .alert: true
        }
    }

    /// The value behind a pointer, as Go's `indirect` (nil pointers stay as they are).
    var indirect: TemplateValue {
        switch self {
        case .time(let value, true): .time(value, pointer: false)
        case .duration(let value, true): .duration(value, pointer: false)
        default: self
        }
    }

    /// The integer value of an integer kind.
    var integerValue: Int64? {
        switch self {
        case .integer(let value, _): value
        case .duration(let value, false): value
        default: nil
        }
    }
}
