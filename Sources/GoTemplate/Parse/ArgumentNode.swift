/// An operand of a command.
indirect enum ArgumentNode: Sendable {
    case field(pos: Int, idents: [String])
    case chain(pos: Int, base: ArgumentNode, fields: [String])
    case variable(VariableNode)
    case identifier(pos: Int, name: String)
    case dot(pos: Int)
    case nilValue(pos: Int)
    case bool(pos: Int, value: Bool)
    case number(NumberNode)
    case string(pos: Int, quoted: String, text: String)
    case pipe(PipeNode)

    var position: Int {
        switch self {
        case .field(let pos, _), .chain(let pos, _, _), .identifier(let pos, _), .dot(let pos), .nilValue(let pos),
            .bool(let pos, _), .string(let pos, _, _):
            pos
        case .variable(let variable): variable.pos
        case .number(let number): number.pos
        case .pipe(let pipe): pipe.pos
        }
    }
}
