/// The alert data a template runs on: Go's anonymous struct with `Labels`, `ExternalLabels`, `ExternalURL` and
/// `Value` (an `interface{}` holding a float64).
struct AlertData: Sendable {
    var labels: [String: String]
    var externalLabels: [String: String]
    var externalURL: String
    var value: Double

    /// Go's `reflect.Type.String()` of the struct.
    static let typeName =
        "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }"
}
