/// `if`, `range` or `with`.
struct BranchNode: Sendable {
    var pos: Int
    var pipe: PipeNode
    var list: ListNode
    var elseList: ListNode?
}
