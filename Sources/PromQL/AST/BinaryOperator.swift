/// The binary operators of PromQL.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case power = "^"
    case atan2 = "atan2"
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case and = "and"
    case or = "or"
    case unless = "unless"

    /// Whether this is one of `== != > < >= <=`.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: true
        default: false
        }
    }

    /// Whether this is one of `and or unless`.
    public var isSetOperator: Bool {
        self == .and || self == .or || self == .unless
    }

    /// Binding strength, higher binds tighter: `or` 1, `and unless` 2, comparisons 3, `+ -` 4, `* / % atan2` 5,
    /// `^` 6 (unary minus/plus bind like `* /`).
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and, .unless: 2
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: 3
        case .add, .subtract: 4
        case .multiply, .divide, .modulo, .atan2: 5
        case .power: 6
        }
    }

    /// Only `^` associates to the right.
    public var isRightAssociative: Bool { self == .power }
}
