/// An action that prints (or declares) the value of a pipeline.
struct ActionNode: Sendable {
    var pos: Int
    var pipe: PipeNode
}
