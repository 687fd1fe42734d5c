/// Executes a parsed template the way Go's `text/template` does (`exec.go`), with `missingkey=zero`. The current
/// node is tracked exactly where Go tracks it, so error messages carry Go's `name:line:col` and `<context>`.
final class TemplateExecutor {
    /// Bounds that keep a hostile template from exhausting memory or CPU.
    struct Limits: Sendable {
        /// Maximum bytes of output.
        var maxOutputBytes = 65_536
        /// Maximum `range` iterations in one execution, over all loops.
        var maxRangeIterations = 10_000
        /// Maximum nesting of `{{template}}` calls.
        var maxTemplateDepth = 64
        /// Maximum bytes of strings function calls may produce in one execution.
        var maxProducedBytes = 16 << 20
    }

    /// Why execution stopped: Go's error text.
    struct Failure: Error, Sendable {
        var message: String
    }

    enum Flow {
        case normal, breakLoop, continueLoop
    }

    private let template: ParsedTemplate
    private let environment: TemplateFunction.Environment
    private let limits: Limits
    private var name: String
    private var node: NodeReference?
    private var vars: [(name: String, value: TemplateValue)] = []
    private var output = ""
    private var outputBytes = 0
    private var depth = 0
    private var iterations = 0
    private var producedBytes = 0

    init(template: ParsedTemplate, environment: TemplateFunction.Environment, limits: Limits = Limits()) {
        self.template = template
        self.environment = environment
        self.limits = limits
        name = template.name
    }

    /// Runs the template on `data` and returns its output.
    func execute(data: TemplateValue) throws(Failure) -> String {
        vars = [("$", data)]
        _ = try walkList(data, template.root)
        return output
    }

    // MARK: - Errors and state

    func at(_ reference: NodeReference) {
        node = reference
    }

    /// Go's `state.errorf`.
    func errorf(_ message: String) -> Failure {
        guard let node else { return Failure(message: "template: \(name): \(message)") }
        let position = min(node.position, template.text.count)
        var line = 1
        var lastNewline = -1
        for index in 0..<position where template.text[index] == UInt8(ascii: "\n") {
            line += 1
            lastNewline = index
        }
        let column = lastNewline == -1 ? position : position - (lastNewline + 1)
        return Failure(
            message:
                "template: \(template.name):\(line):\(column): executing \(GoText.quote(name)) at <\(node)>: \(message)"
        )
    }

    private func write(_ text: String) throws(Failure) {
        outputBytes += text.utf8.count
        if outputBytes > limits.maxOutputBytes {
            throw Failure(message: "template output exceeds \(limits.maxOutputBytes) bytes")
        }
        output += text
    }

    private func mark() -> Int { vars.count }

    private func pop(_ mark: Int) {
        if vars.count > mark { vars.removeLast(vars.count - mark) }
    }

    private func setVar(_ variable: String, _ value: TemplateValue) throws(Failure) {
        for index in vars.indices.reversed() where vars[index].name == variable {
            vars[index].value = value
            return
        }
        throw errorf("undefined variable: \(variable)")
    }

    func varValue(_ variable: String) throws(Failure) -> TemplateValue {
        for index in vars.indices.reversed() where vars[index].name == variable { return vars[index].value }
        throw errorf("undefined variable: \(variable)")
    }

    /// Counts bytes a function produced against `Limits.maxProducedBytes`.
    func account(_ value: TemplateValue) throws(Failure) {
        switch value {
        case .string(let text), .html(let text):
            producedBytes += text.utf8.count
            if producedBytes > limits.maxProducedBytes {
                throw errorf("exceeded maximum evaluation size (\(limits.maxProducedBytes) bytes)")
            }
        default:
            break
        }
    }

    var functionEnvironment: TemplateFunction.Environment { environment }

    // MARK: - Walk

    private func walkList(_ dot: TemplateValue, _ list: ListNode) throws(Failure) -> Flow {
        at(.list(list))
        for child in list.nodes {
            let flow = try walk(dot, child)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func walk(_ dot: TemplateValue, _ current: TemplateNode) throws(Failure) -> Flow {
        at(.node(current))
        switch current {
        case .action(let action):
            let value = try evalPipeline(dot, action.pipe)
            if action.pipe.declarations.isEmpty {
                at(.node(current))
                try write(GoPrinter.templateText(value))
            }
        case .breakNode:
            return .breakLoop
        case .continueNode:
            return .continueLoop
        case .comment:
            break
        case .ifNode(let branch):
            return try walkIfOrWith(dot, branch, isWith: false)
        case .withNode(let branch):
            return try walkIfOrWith(dot, branch, isWith: true)
        case .rangeNode(let branch):
            try walkRange(dot, current, branch)
        case .template(let call):
            try walkTemplate(dot, current, call)
        case .text(_, let text):
            try write(text)
        case .end, .elseNode:
            throw errorf("unknown node: \(current)")
        }
        return .normal
    }

    private func walkIfOrWith(_ dot: TemplateValue, _ branch: BranchNode, isWith: Bool) throws(Failure) -> Flow {
        let saved = mark()
        defer { pop(saved) }
        let value = try evalPipeline(dot, branch.pipe)
        if value.truth { return try walkList(isWith ? value : dot, branch.list) }
        if let elseList = branch.elseList { return try walkList(dot, elseList) }
        return .normal
    }

    private func walkRange(_ dot: TemplateValue, _ current: TemplateNode, _ branch: BranchNode) throws(Failure) {
        at(.node(current))
        let outer = mark()
        defer { pop(outer) }
        let value = try evalPipeline(dot, branch.pipe).indirect
        let inner = mark()
        let declarations = branch.pipe.declarations
        // Returns false when the body executed {{break}}.
        func iteration(_ index: TemplateValue, _ element: TemplateValue) throws(Failure) -> Bool {
            iterations += 1
            if iterations > limits.maxRangeIterations {
                throw errorf("exceeded maximum range iterations (\(limits.maxRangeIterations))")
            }
            if !declarations.isEmpty {
                if branch.pipe.isAssign {
                    try setVar(declarations[0].idents[0], declarations.count > 1 ? index : element)
                } else {
                    vars[vars.count - 1].value = element
                }
            }
            if declarations.count > 1 {
                if branch.pipe.isAssign {
                    try setVar(declarations[1].idents[0], element)
                } else {
                    vars[vars.count - 2].value = index
                }
            }
            defer { pop(inner) }
            return try walkList(element, branch.list) != .breakLoop
        }
        switch value {
        case .queryResult(let samples) where !samples.isEmpty:
            for (index, sample) in samples.enumerated() {
                if !(try iteration(.integer(Int64(index), .int), .sample(sample))) { break }
            }
            return
        case .stringMap(let map) where !map.isEmpty:
            for key in map.keys.sorted(by: GoText.less) {
                if !(try iteration(.string(key), .string(map[key] ?? ""))) { break }
            }
            return
        case .anyMap(let map) where !map.isEmpty:
            for key in map.keys.sorted(by: GoText.less) {
                if !(try iteration(.string(key), map[key] ?? .invalid)) { break }
            }
            return
        case .integer(let count, let type):
            if declarations.count > 1 {
                throw errorf("can't use \(GoPrinter.display(value)) to iterate over more than one variable")
            }
            if count > 0 {
                for index in 0..<count {
                    let element = TemplateValue.integer(index, type)
                    if !(try iteration(element, element)) { break }
                }
                return
            }
        case .duration(let count, false):
            if declarations.count > 1 {
                throw errorf("can't use \(GoPrinter.display(value)) to iterate over more than one variable")
            }
            if count > 0 {
                for index in 0..<count {
                    let element = TemplateValue.duration(index, pointer: false)
                    if !(try iteration(element, element)) { break }
                }
                return
            }
        case .queryResult, .stringMap, .anyMap, .invalid:
            break
        default:
            throw errorf("range can't iterate over \(GoPrinter.templateText(value))")
        }
        if let elseList = branch.elseList { _ = try walkList(dot, elseList) }
    }

    private func walkTemplate(_ dot: TemplateValue, _ current: TemplateNode, _ call: TemplateCallNode)
        throws(Failure)
    {
        at(.node(current))
        let tree = call.name == template.name ? template.root : template.definitions[call.name]
        guard let tree else { throw errorf("template \(GoText.quote(call.name)) not defined") }
        if depth == limits.maxTemplateDepth {
            throw errorf("exceeded maximum template depth (\(limits.maxTemplateDepth))")
        }
        let newDot = try call.pipe.map { pipe throws(Failure) in try evalPipeline(dot, pipe) } ?? .invalid
        let savedVars = vars
        let savedName = name
        vars = [("$", newDot)]
        name = call.name
        depth += 1
        defer {
            vars = savedVars
            name = savedName
            depth -= 1
        }
        _ = try walkList(newDot, tree)
    }

    // MARK: - Pipelines

    func evalPipeline(_ dot: TemplateValue, _ pipe: PipeNode) throws(Failure) -> TemplateValue {
        at(.pipe(pipe))
        var value: TemplateValue?
        for command in pipe.commands {
            value = try evalCommand(dot, command, final: value)
        }
        let result = value ?? .invalid
        for declaration in pipe.declarations {
            if pipe.isAssign {
                try setVar(declaration.idents[0], result)
            } else {
                vars.append((declaration.idents[0], result))
            }
        }
        return result
    }
}
