/// A PromQL function's name and types, as the parser checks them.
public struct FunctionSignature: Sendable, Hashable {
    /// The function name, e.g. `rate`.
    public var name: String
    /// The types of the arguments in order.
    public var argumentTypes: [ValueType]
    /// How many trailing arguments may be left out (0: none), or -1 when the last argument may repeat any number of
    /// times (`label_join`).
    public var variadic: Int
    /// The result type.
    public var returnType: ValueType
    /// Whether Prometheus only allows the function with `--enable-feature=promql-experimental-functions`.
    public var isExperimental: Bool

    /// Creates a signature.
    public init(name: String, argumentTypes: [ValueType], variadic: Int, returnType: ValueType, isExperimental: Bool) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.variadic = variadic
        self.returnType = returnType
        self.isExperimental = isExperimental
    }
}
