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
