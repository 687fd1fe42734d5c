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
