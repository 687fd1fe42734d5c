/// A function call `name(args...)`.
public struct FunctionCall: Sendable, Hashable {
    /// The function.
    public var function: FunctionSignature
    /// The arguments, already type-checked against `function`.
    public var arguments: [Expr]
    /// Where the call is in the source.
    public var position: PositionRange

    /// Creates a call.
    public init(function: FunctionSignature, arguments: [Expr], position: PositionRange) {
        self.function = function
        self.arguments = arguments
        self.position = position
    }
}
