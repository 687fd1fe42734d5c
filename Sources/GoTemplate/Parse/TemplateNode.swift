/// A node of a parsed template, mirroring Go's `text/template/parse` nodes. Positions are byte offsets into the
/// template text; they and the node's printed form make Go's error context (`name:line:col` and `<…>`).
indirect enum TemplateNode: Sendable {
    case text(pos: Int, text: String)
    case comment(pos: Int)
    case action(ActionNode)
    case ifNode(BranchNode)
    case rangeNode(BranchNode)
    case withNode(BranchNode)
    case template(TemplateCallNode)
    case breakNode(pos: Int)
    case continueNode(pos: Int)
    /// An `{{end}}`; only seen while parsing.
    case end(pos: Int)
    /// An `{{else}}`; only seen while parsing.
    case elseNode(pos: Int)

    var position: Int {
        switch self {
        case .text(let pos, _), .comment(let pos), .breakNode(let pos), .continueNode(let pos), .end(let pos),
            .elseNode(let pos):
            pos
        case .action(let action): action.pos
        case .ifNode(let branch), .rangeNode(let branch), .withNode(let branch): branch.pos
        case .template(let call): call.pos
        }
    }
}
