/// `{{template "name" pipeline}}` (also what `{{block}}` becomes).
struct TemplateCallNode: Sendable {
    var pos: Int
    var name: String
    var pipe: PipeNode?
}
