/// The unary operators `-` and `+`.
public enum UnaryOperator: String, Sendable, Hashable {
    case minus = "-"
    case plus = "+"
}
