/// A template parse error; `message` is Go's full text (`template: name:1: unexpected EOF`).
struct TemplateParseError: Error, Sendable {
    var message: String
}
