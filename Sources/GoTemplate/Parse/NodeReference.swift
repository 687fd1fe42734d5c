/// The node an execution error is reported at (Go's `state.node`).
enum NodeReference {
    case node(TemplateNode)
    case list(ListNode)
    case pipe(PipeNode)
    case command(CommandNode)
    case argument(ArgumentNode)

    var position: Int {
        switch self {
        case .node(let node): node.position
        case .list(let list): list.pos
        case .pipe(let pipe): pipe.pos
        case .command(let command): command.pos
        case .argument(let argument): argument.position
        }
    }
}
