/// Go's `Node.String()` forms, used in error messages (`executing "x" at <…>`, `unexpected {{end}}`).
extension TemplateNode: CustomStringConvertible {
    var description: String {
        switch self {
        case .text(_, let text): text
        case .comment: "{{}}"
        case .action(let action): "{{" + action.pipe.description + "}}"
        case .ifNode(let branch): branch.describe("if")
        case .rangeNode(let branch): branch.describe("range")
        case .withNode(let branch): branch.describe("with")
        case .template(let call):
            "{{template " + GoText.quote(call.name) + (call.pipe.map { " " + $0.description } ?? "") + "}}"
        case .breakNode: "{{break}}"
        case .continueNode: "{{continue}}"
        case .end: "{{end}}"
        case .elseNode: "{{else}}"
        }
    }
}

extension ListNode: CustomStringConvertible {
    var description: String { nodes.map(\.description).joined() }
}

extension BranchNode {
    fileprivate func describe(_ keyword: String) -> String {
        var out = "{{" + keyword + " " + pipe.description + "}}" + list.description
        if let elseList { out += "{{else}}" + elseList.description }
        return out + "{{end}}"
    }
}

extension PipeNode: CustomStringConvertible {
    var description: String {
        var out = ""
        if !declarations.isEmpty {
            out = declarations.map { $0.idents.joined(separator: ".") }.joined(separator: ", ") + " := "
        }
        return out + commands.map(\.description).joined(separator: " | ")
    }
}

extension CommandNode: CustomStringConvertible {
    var description: String {
        args.map { argument in
            if case .pipe(let pipe) = argument { return "(" + pipe.description + ")" }
            return argument.description
        }.joined(separator: " ")
    }
}

extension ArgumentNode: CustomStringConvertible {
    var description: String {
        switch self {
        case .field(_, let idents): idents.map { "." + $0 }.joined()
        case .chain(_, let base, let fields):
            {
                if case .pipe(let pipe) = base { return "(" + pipe.description + ")" }
                return base.description
            }() + fields.map { "." + $0 }.joined()
        case .variable(let variable): variable.idents.joined(separator: ".")
        case .identifier(_, let name): name
        case .dot: "."
        case .nilValue: "nil"
        case .bool(_, let value): value ? "true" : "false"
        case .number(let number): number.text
        case .string(_, let quoted, _): quoted
        case .pipe(let pipe): pipe.description
        }
    }
}

extension NodeReference: CustomStringConvertible {
    var description: String {
        switch self {
        case .node(let node): node.description
        case .list(let list): list.description
        case .pipe(let pipe): pipe.description
        case .command(let command): command.description
        case .argument(let argument): argument.description
        }
    }
}
