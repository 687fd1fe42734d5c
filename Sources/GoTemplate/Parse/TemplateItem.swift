/// A token of Go's template lexer (`text/template/parse` `item`).
struct TemplateItem {
    /// Token kinds, in Go's order; everything after `keyword` is a keyword.
    enum Kind: Int, Comparable {
        case error, bool, char, charConstant, comment, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
        case keyword
        case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
        case range, template, with

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The keyword a word lexes to, if any.
        static func keyword(_ word: String) -> Kind? {
            switch word {
            case ".": .dot
            case "block": .block
            case "break": .breakKeyword
            case "continue": .continueKeyword
            case "define": .define
            case "else": .elseKeyword
            case "end": .end
            case "if": .ifKeyword
            case "range": .range
            case "nil": .nilKeyword
            case "template": .template
            case "with": .with
            default: nil
            }
        }
    }

    var kind: Kind
    /// Byte offset of the token in the template text.
    var pos: Int
    var value: String
    /// 1-based line where the token starts.
    var line: Int
}

extension TemplateItem: CustomStringConvertible {
    /// Go's `item.String()`, used in `unexpected … in …` messages.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind > .keyword { return "<\(value)>" }
            if value.utf8.count > 10 { return GoText.quotePrefix(value, maxRunes: 10) + "..." }
            return GoText.quote(value)
        }
    }
}
