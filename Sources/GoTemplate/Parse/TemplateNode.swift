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

/// A sequence of nodes.
struct ListNode: Sendable {
    var pos: Int
    var nodes: [TemplateNode] = []

    /// Go's `IsEmptyTree`: only whitespace text and comments.
    var isEmptyTree: Bool {
        nodes.allSatisfy { node in
            switch node {
            case .text(_, let text): text.allSatisfy { $0.isWhitespace }
            case .comment: true
            default: false
            }
        }
    }
}

/// An action that prints (or declares) the value of a pipeline.
struct ActionNode: Sendable {
    var pos: Int
    var pipe: PipeNode
}

/// `if`, `range` or `with`.
struct BranchNode: Sendable {
    var pos: Int
    var pipe: PipeNode
    var list: ListNode
    var elseList: ListNode?
}

/// `{{template "name" pipeline}}` (also what `{{block}}` becomes).
struct TemplateCallNode: Sendable {
    var pos: Int
    var name: String
    var pipe: PipeNode?
}

/// A pipeline, possibly with variable declarations or assignments.
final class PipeNode: Sendable {
    let pos: Int
    let isAssign: Bool
    let declarations: [VariableNode]
    let commands: [CommandNode]

    init(pos: Int, isAssign: Bool, declarations: [VariableNode], commands: [CommandNode]) {
        self.pos = pos
        self.isAssign = isAssign
        self.declarations = declarations
        self.commands = commands
    }
}

/// A variable with optional field chain: `$x`, `$x.a.b`.
struct VariableNode: Sendable {
    var pos: Int
    var idents: [String]
}

/// One command of a pipeline: operands separated by spaces.
final class CommandNode: Sendable {
    let pos: Int
    let args: [ArgumentNode]

    init(pos: Int, args: [ArgumentNode]) {
        self.pos = pos
        self.args = args
    }
}

/// A numeric constant with every Go type it can represent (Go's ideal constants).
struct NumberNode: Sendable {
    var pos: Int
    var text: String
    var isInt = false
    var isUint = false
    var isFloat = false
    var isComplex = false
    var int64: Int64 = 0
    var uint64: UInt64 = 0
    var float64: Double = 0
    var complex: (real: Double, imaginary: Double) = (0, 0)
}

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
