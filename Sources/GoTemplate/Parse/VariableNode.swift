/// A variable with optional field chain: `$x`, `$x.a.b`.
struct VariableNode: Sendable {
    var pos: Int
    var idents: [String]
}
