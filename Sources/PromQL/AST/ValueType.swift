/// The type an expression evaluates to, with Prometheus's names (`scalar`, `vector`, `matrix`, `string`).
public enum ValueType: String, Sendable, Hashable {
    /// A single number.
    case scalar
    /// An instant vector: one sample per series.
    case vector
    /// A range vector: samples over a time range per series.
    case matrix
    /// A string literal.
    case string

    /// The name Prometheus uses in documentation and error messages: "scalar", "instant vector", "range vector",
    /// "string".
    public var documentedName: String {
        switch self {
        case .scalar: "scalar"
        case .vector: "instant vector"
        case .matrix: "range vector"
        case .string: "string"
        }
    }
}
