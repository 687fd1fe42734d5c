/// One command of a pipeline: operands separated by spaces.
final class CommandNode: Sendable {
    let pos: Int
    let args: [ArgumentNode]

    init(pos: Int, args: [ArgumentNode]) {
        self.pos = pos
        self.args = args
    }
}
