/// Go's template parser (`text/template/parse/parse.go`): same grammar, same variable scoping checks, same messages.
final class TemplateParser {
    /// Deepest nesting of parenthesized pipelines (Go allows 10000; kept small so a hostile template cannot exhaust
    /// the stack).
    static let maxExpressionDepth = 100
    /// Deepest nesting of `if`/`range`/`with`/`define` blocks (Go has no limit).
    static let maxControlDepth = 100

    private final class TreeSet {
        var trees: [String: ListNode] = [:]
    }

    private let parseName: String
    private var treeName: String
    private let lexer: TemplateLexer
    private let treeSet: TreeSet
    private let isFunction: (String) -> Bool
    private var token: [TemplateItem]
    private var peekCount = 0
    private var vars: [String] = ["$"]
    private var actionLine = 0
    private var rangeDepth = 0
    private var stackDepth = 0
    private var controlDepth: Int

    private init(
        parseName: String, treeName: String, lexer: TemplateLexer, treeSet: TreeSet,
        isFunction: @escaping (String) -> Bool, controlDepth: Int
    ) {
        self.parseName = parseName
        self.treeName = treeName
        self.lexer = lexer
        self.treeSet = treeSet
        self.isFunction = isFunction
        self.controlDepth = controlDepth
        let blank = TemplateItem(kind: .eof, pos: 0, value: "", line: 0)
        token = [blank, blank, blank]
    }

    /// Parses `text` as the template `name`; `isFunction` says which identifiers are defined functions.
    static func parse(name: String, text: String, isFunction: @escaping (String) -> Bool)
        throws(TemplateParseError) -> ParsedTemplate
    {
        let treeSet = TreeSet()
        let parser = TemplateParser(
            parseName: name, treeName: name, lexer: TemplateLexer(text), treeSet: treeSet,
            isFunction: isFunction, controlDepth: 0)
        let root = try parser.parseTop()
        try parser.add(root)
        var definitions = treeSet.trees
        let main = definitions.removeValue(forKey: name) ?? root
        return ParsedTemplate(name: name, text: Array(text.utf8), root: main, definitions: definitions)
    }

    // MARK: - Token stream

    private func next() -> TemplateItem {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            token[0] = lexer.nextItem()
        }
        return token[peekCount]
    }

    private func backup() {
        peekCount += 1
    }

    private func backup2(_ first: TemplateItem) {
        token[1] = first
        peekCount = 2
    }

    private func backup3(_ second: TemplateItem, _ first: TemplateItem) {
        token[1] = first
        token[2] = second
        peekCount = 3
    }

    private func peek() -> TemplateItem {
        if peekCount > 0 { return token[peekCount - 1] }
        peekCount = 1
        token[0] = lexer.nextItem()
        return token[0]
    }

    private func nextNonSpace() -> TemplateItem {
        var item = next()
        while item.kind == .space { item = next() }
        return item
    }

    private func peekNonSpace() -> TemplateItem {
        let item = nextNonSpace()
        backup()
        return item
    }

    // MARK: - Errors

    private func errorf(_ message: String) -> TemplateParseError {
        TemplateParseError(message: "template: \(parseName):\(token[0].line): \(message)")
    }

    private func unexpected(_ item: TemplateItem, _ context: String) -> TemplateParseError {
        if item.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != item.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if item.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return errorf(item.description + extra)
        }
        return errorf("unexpected \(item) in \(context)")
    }

    private func expect(_ kind: TemplateItem.Kind, _ context: String) throws(TemplateParseError) -> TemplateItem {
        let item = nextNonSpace()
        if item.kind != kind { throw unexpected(item, context) }
        return item
    }

    // MARK: - Trees

    private func add(_ root: ListNode) throws(TemplateParseError) {
        if let existing = treeSet.trees[treeName], !existing.isEmptyTree {
            if !root.isEmptyTree { throw errorf("template: multiple definition of template \(GoText.quote(treeName))") }
            return
        }
        treeSet.trees[treeName] = root
    }

    private func subParser(name: String) -> TemplateParser {
        TemplateParser(
            parseName: parseName, treeName: name, lexer: lexer, treeSet: treeSet, isFunction: isFunction,
            controlDepth: controlDepth + 1)
    }

    private func parseTop() throws(TemplateParseError) -> ListNode {
        var root = ListNode(pos: peek().pos)
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    try subParser(name: "definition").parseDefinition()
                    continue
                }
                backup2(delim)
            }
            let node = try textOrAction()
            switch node {
            case .end, .elseNode: throw errorf("unexpected \(node)")
            default: root.nodes.append(node)
            }
        }
        return root
    }

    private func parseDefinition() throws(TemplateParseError) {
        let context = "define clause"
        let nameItem = nextNonSpace()
        guard nameItem.kind == .string || nameItem.kind == .rawString else { throw unexpected(nameItem, context) }
        guard let name = GoStrconv.unquote(nameItem.value) else { throw errorf("invalid syntax") }
        treeName = name
        _ = try expect(.rightDelim, context)
        try enterControl()
        let (list, end) = try itemList()
        guard case .end = end else { throw errorf("unexpected \(end) in \(context)") }
        try add(list)
    }

    private func enterControl() throws(TemplateParseError) {
        controlDepth += 1
        if controlDepth > Self.maxControlDepth { throw errorf("max control depth exceeded") }
    }

    private func itemList() throws(TemplateParseError) -> (ListNode, TemplateNode) {
        var list = ListNode(pos: peekNonSpace().pos)
        while peekNonSpace().kind != .eof {
            let node = try textOrAction()
            switch node {
            case .end, .elseNode: return (list, node)
            default: list.nodes.append(node)
            }
        }
        throw errorf("unexpected EOF")
    }

    private func textOrAction() throws(TemplateParseError) -> TemplateNode {
        let item = nextNonSpace()
        switch item.kind {
        case .text:
            return .text(pos: item.pos, text: item.value)
        case .leftDelim:
            actionLine = item.line
            defer { actionLine = 0 }
            return try action()
        case .comment:
            return .comment(pos: item.pos)
        default:
            throw unexpected(item, "input")
        }
    }

    private func action() throws(TemplateParseError) -> TemplateNode {
        let item = nextNonSpace()
        switch item.kind {
        case .block: return try blockControl()
        case .breakKeyword: return try loopControl(item, keyword: "break")
        case .continueKeyword: return try loopControl(item, keyword: "continue")
        case .elseKeyword: return try elseControl()
        case .end: return .end(pos: try expect(.rightDelim, "end").pos)
        case .ifKeyword: return .ifNode(try parseControl("if"))
        case .range: return .rangeNode(try parseControl("range"))
        case .template: return try templateControl()
        case .with: return .withNode(try parseControl("with"))
        default: break
        }
        backup()
        let first = peek()
        return .action(ActionNode(pos: first.pos, pipe: try pipeline("command", end: .rightDelim)))
    }

    private func loopControl(_ item: TemplateItem, keyword: String) throws(TemplateParseError) -> TemplateNode {
        let following = nextNonSpace()
        if following.kind != .rightDelim { throw unexpected(following, "{{\(keyword)}}") }
        if rangeDepth == 0 { throw errorf("{{\(keyword)}} outside {{range}}") }
        return keyword == "break" ? .breakNode(pos: item.pos) : .continueNode(pos: item.pos)
    }

    private func elseControl() throws(TemplateParseError) -> TemplateNode {
        let following = peekNonSpace()
        if following.kind == .ifKeyword || following.kind == .with { return .elseNode(pos: following.pos) }
        return .elseNode(pos: try expect(.rightDelim, "else").pos)
    }

    private func parseControl(_ context: String) throws(TemplateParseError) -> BranchNode {
        let savedVars = vars.count
        defer { vars.removeLast(vars.count - savedVars) }
        try enterControl()
        defer { controlDepth -= 1 }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        var (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: ListNode?
        if case .elseNode(let elsePos) = next {
            if context == "if" && peek().kind == .ifKeyword {
                _ = self.next()
                elseList = ListNode(pos: elsePos, nodes: [.ifNode(try parseControl("if"))])
            } else if context == "with" && peek().kind == .with {
                _ = self.next()
                elseList = ListNode(pos: elsePos, nodes: [.withNode(try parseControl("with"))])
            } else {
                let parsed = try itemList()
                elseList = parsed.0
                next = parsed.1
                guard case .end = next else { throw errorf("expected end; found \(next)") }
            }
        }
        return BranchNode(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
    }

    private func blockControl() throws(TemplateParseError) -> TemplateNode {
        let context = "block clause"
        let nameItem = nextNonSpace()
        let name = try templateName(nameItem, context)
        let pipe = try pipeline(context, end: .rightDelim)
        let block = subParser(name: name)
        try block.enterControl()
        let (list, end) = try block.itemList()
        guard case .end = end else { throw errorf("unexpected \(end) in \(context)") }
        try block.add(list)
        return .template(TemplateCallNode(pos: nameItem.pos, name: name, pipe: pipe))
    }

    private func templateControl() throws(TemplateParseError) -> TemplateNode {
        let context = "template clause"
        let nameItem = nextNonSpace()
        let name = try templateName(nameItem, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(TemplateCallNode(pos: nameItem.pos, name: name, pipe: pipe))
    }

    private func templateName(_ item: TemplateItem, _ context: String) throws(TemplateParseError) -> String {
        guard item.kind == .string || item.kind == .rawString else { throw unexpected(item, context) }
        guard let name = GoStrconv.unquote(item.value) else { throw errorf("invalid syntax") }
        return name
    }

    // MARK: - Pipelines

    private func pipeline(_ context: String, end: TemplateItem.Kind) throws(TemplateParseError) -> PipeNode {
        let start = peekNonSpace()
        var declarations: [VariableNode] = []
        var isAssign = false
        var commands: [CommandNode] = []
        declarationLoop: while true {
            let variable = peekNonSpace()
            guard variable.kind == .variable else { break }
            _ = next()
            let afterVariable = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                isAssign = following.kind == .assign
                _ = nextNonSpace()
                declarations.append(VariableNode(pos: variable.pos, idents: split(variable.value)))
                vars.append(variable.value)
            } else if following.kind == .char && following.value == "," {
                _ = nextNonSpace()
                declarations.append(VariableNode(pos: variable.pos, idents: split(variable.value)))
                vars.append(variable.value)
                if context == "range" && declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue declarationLoop
                    default:
                        throw errorf("range can only initialize variables")
                    }
                }
                throw errorf("too many declarations in \(context)")
            } else if afterVariable.kind == .space {
                backup3(variable, afterVariable)
            } else {
                backup2(variable)
            }
            break
        }
        while true {
            let item = nextNonSpace()
            switch item.kind {
            case end:
                let pipe = PipeNode(pos: start.pos, isAssign: isAssign, declarations: declarations, commands: commands)
                try checkPipeline(pipe, context)
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                .string, .variable, .leftParen:
                backup()
                commands.append(try command())
            default:
                throw unexpected(item, context)
            }
        }
    }

    private func split(_ ident: String) -> [String] {
        ident.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws(TemplateParseError) {
        if pipe.commands.isEmpty { throw errorf("missing value for \(context)") }
        for (index, command) in pipe.commands.enumerated().dropFirst() {
            switch command.args[0] {
            case .bool, .dot, .nilValue, .number, .string:
                throw errorf("non executable command in pipeline stage \(index + 1)")
            default:
                continue
            }
        }
    }

    private func command() throws(TemplateParseError) -> CommandNode {
        let pos = peekNonSpace().pos
        var args: [ArgumentNode] = []
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { args.append(operand) }
            let item = next()
            switch item.kind {
            case .space:
                continue
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(item, "operand")
            }
            break
        }
        if args.isEmpty { throw errorf("empty command") }
        return CommandNode(pos: pos, args: args)
    }

    private func operand() throws(TemplateParseError) -> ArgumentNode? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return node }
        let chainPos = peek().pos
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
        switch node {
        case .field(_, let idents):
            return .field(pos: chainPos, idents: idents + fields)
        case .variable(let variable):
            return .variable(VariableNode(pos: chainPos, idents: variable.idents + fields))
        case .bool, .string, .number, .nilValue, .dot:
            throw errorf("unexpected . after term \(GoText.quote(node.description))")
        default:
            return .chain(pos: chainPos, base: node, fields: fields)
        }
    }

    private func term() throws(TemplateParseError) -> ArgumentNode? {
        let item = nextNonSpace()
        switch item.kind {
        case .identifier:
            if !isFunction(item.value) { throw errorf("function \(GoText.quote(item.value)) not defined") }
            return .identifier(pos: item.pos, name: item.value)
        case .dot:
            return .dot(pos: item.pos)
        case .nilKeyword:
            return .nilValue(pos: item.pos)
        case .variable:
            let idents = split(item.value)
            if !vars.contains(idents[0]) { throw errorf("undefined variable \(GoText.quote(idents[0]))") }
            return .variable(VariableNode(pos: item.pos, idents: idents))
        case .field:
            return .field(pos: item.pos, idents: Array(split(item.value).dropFirst()))
        case .bool:
            return .bool(pos: item.pos, value: item.value == "true")
        case .charConstant, .complex, .number:
            return .number(try number(item))
        case .leftParen:
            if stackDepth >= Self.maxExpressionDepth { throw errorf("max expression depth exceeded") }
            stackDepth += 1
            defer { stackDepth -= 1 }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let text = GoStrconv.unquote(item.value) else { throw errorf("invalid syntax") }
            return .string(pos: item.pos, quoted: item.value, text: text)
        default:
            backup()
            return nil
        }
    }

    private func number(_ item: TemplateItem) throws(TemplateParseError) -> NumberNode {
        do {
            return try NumberLiteral.parse(pos: item.pos, text: item.value, kind: item.kind)
        } catch {
            throw errorf(error.message)
        }
    }
}
