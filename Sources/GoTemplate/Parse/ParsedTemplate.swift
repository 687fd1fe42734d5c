/// A parsed template: the main tree plus the ones `{{define}}` and `{{block}}` introduced.
struct ParsedTemplate: Sendable {
    /// The template name (Go's `ParseName`), used in every error message.
    var name: String
    /// The template text as UTF-8, to turn node positions into `line:column`.
    var text: [UInt8]
    var root: ListNode
    var definitions: [String: ListNode]
}
