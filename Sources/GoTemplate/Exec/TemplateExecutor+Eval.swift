/// Command, field, function and argument evaluation (Go's `evalCommand`, `evalField`, `evalCall`, `evalArg`).
extension TemplateExecutor {
    typealias Parameter = TemplateFunction.Parameter

    func evalCommand(_ dot: TemplateValue, _ command: CommandNode, final: TemplateValue?) throws(Failure)
        -> TemplateValue
    {
        let first = command.args[0]
        switch first {
        case .field(_, let idents):
            return try evalFieldNode(dot, first, idents, args: command.args, final: final)
        case .chain(_, let base, let fields):
            return try evalChainNode(dot, first, base, fields, args: command.args, final: final)
        case .identifier(_, let name):
            return try evalFunction(
                dot, first, name, node: .command(command), args: Array(command.args.dropFirst()),
                final: final)
        case .pipe(let pipe):
            try notAFunction(command.args, final: final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariableNode(dot, variable, args: command.args, final: final)
        default:
            break
        }
        at(.argument(first))
        try notAFunction(command.args, final: final)
        switch first {
        case .bool(_, let value): return .bool(value)
        case .dot: return dot
        case .nilValue: throw errorf("nil is not a command")
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let text): return .string(text)
        default: throw errorf("can't evaluate command \(GoText.quote(first.description))")
        }
    }

    private func notAFunction(_ args: [ArgumentNode], final: TemplateValue?) throws(Failure) {
        if args.count > 1 || final != nil { throw errorf("can't give argument to non-function \(args[0])") }
    }

    /// Go's `idealConstant`: the type a literal gets when nothing else decides it.
    func idealConstant(_ number: NumberNode) throws(Failure) -> TemplateValue {
        at(.argument(.number(number)))
        let text = number.text
        let isHexInt =
            text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRuneInt = text.hasPrefix("'")
        if number.isComplex { return .complex(number.complex.real, number.complex.imaginary) }
        if number.isFloat && !isHexInt && !isRuneInt && text.contains(where: { ".eEpP".contains($0) }) {
            return .float(number.float64)
        }
        if number.isInt { return .integer(number.int64, .int) }
        if number.isUint { throw errorf("\(text) overflows int") }
        return .invalid
    }

    // MARK: - Fields

    private func evalFieldNode(
        _ dot: TemplateValue, _ node: ArgumentNode, _ idents: [String], args: [ArgumentNode],
        final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        at(.argument(node))
        return try evalFieldChain(dot, receiver: dot, node: .argument(node), idents, args: args, final: final)
    }

    private func evalChainNode(
        _ dot: TemplateValue, _ node: ArgumentNode, _ base: ArgumentNode, _ fields: [String],
        args: [ArgumentNode], final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        at(.argument(node))
        if case .nilValue = base { throw errorf("indirection through explicit nil in \(node)") }
        let receiver = try evalArg(dot, nil, base)
        return try evalFieldChain(dot, receiver: receiver, node: .argument(node), fields, args: args, final: final)
    }

    private func evalVariableNode(
        _ dot: TemplateValue, _ variable: VariableNode, args: [ArgumentNode],
        final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        let node = ArgumentNode.variable(variable)
        at(.argument(node))
        let value = try varValue(variable.idents[0])
        if variable.idents.count == 1 {
            try notAFunction(args, final: final)
            return value
        }
        return try evalFieldChain(
            dot, receiver: value, node: .argument(node), Array(variable.idents.dropFirst()),
            args: args, final: final)
    }

    private func evalFieldChain(
        _ dot: TemplateValue, receiver: TemplateValue, node: NodeReference, _ idents: [String],
        args: [ArgumentNode], final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        var current = receiver
        var viaInterface = false
        for ident in idents.dropLast() {
            (current, viaInterface) = try evalField(
                dot, ident, node: node, args: [], final: nil, receiver: current,
                viaInterface: viaInterface)
        }
        return try evalField(
            dot, idents[idents.count - 1], node: node, args: args, final: final, receiver: current,
            viaInterface: viaInterface
        ).value
    }

    /// Go's `evalField`; `viaInterface` says the receiver's static type is `interface {}` (a struct field or map
    /// entry of that type), which changes the type Go names in errors. Returns whether the result is such a value.
    private func evalField(
        _ dot: TemplateValue, _ fieldName: String, node: NodeReference, args: [ArgumentNode],
        final: TemplateValue?, receiver: TemplateValue, viaInterface: Bool
    ) throws(Failure)
        -> (value: TemplateValue, viaInterface: Bool)
    {
        guard receiver.isValid else {
            if viaInterface { throw errorf("nil pointer evaluating interface {}.\(fieldName)") }
            return (.invalid, false)
        }
        let typeName = viaInterface ? "interface {}" : receiver.typeName
        if let method = TemplateMethods.method(fieldName, of: receiver) {
            let value = try evalCall(
                dot, method, name: fieldName, node: node, args: Array(args.dropFirst()),
                final: final)
            return (value, false)
        }
        let hasArgs = args.count > 1 || final != nil
        switch receiver {
        case .alert(let data):
            let fields: [String: TemplateValue] = [
                "Labels": .stringMap(data.labels), "ExternalLabels": .stringMap(data.externalLabels),
                "ExternalURL": .string(data.externalURL), "Value": .float(data.value),
            ]
            if let field = fields[fieldName] {
                if hasArgs { throw errorf("\(fieldName) has arguments but cannot be invoked as function") }
                return (field, fieldName == "Value")
            }
        case .sample(let sample?):
            if fieldName == "Labels" || fieldName == "Value" {
                if hasArgs { throw errorf("\(fieldName) has arguments but cannot be invoked as function") }
                return fieldName == "Labels" ? (.stringMap(sample.labels), false) : (.float(sample.value), true)
            }
        case .sample(nil):
            if fieldName == "Labels" || fieldName == "Value" {
                throw errorf("nil pointer evaluating *template.sample.\(fieldName)")
            }
        case .stringMap(let map):
            if hasArgs { throw errorf("\(fieldName) is not a method but has arguments") }
            return (.string(map[fieldName] ?? ""), false)
        case .anyMap(let map):
            if hasArgs { throw errorf("\(fieldName) is not a method but has arguments") }
            return (map[fieldName] ?? .invalid, true)
        default:
            break
        }
        throw errorf("can't evaluate field \(fieldName) in type \(typeName)")
    }

    // MARK: - Calls

    private func evalFunction(
        _ dot: TemplateValue, _ identifier: ArgumentNode, _ name: String, node: NodeReference,
        args: [ArgumentNode], final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        at(.argument(identifier))
        guard let function = TemplateFunction.all[name] else {
            throw errorf("\(GoText.quote(name)) is not a defined function")
        }
        return try evalCall(dot, function, name: name, node: node, args: args, final: final)
    }

    /// Go's `evalCall`; `args` excludes the function itself.
    private func evalCall(
        _ dot: TemplateValue, _ function: TemplateFunction, name: String, node: NodeReference,
        args: [ArgumentNode], final: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        let argCount = args.count + (final == nil ? 0 : 1)
        let fixedCount: Int
        if function.variadic != nil {
            fixedCount = function.parameters.count
            if argCount < fixedCount {
                throw errorf("wrong number of args for \(name): want at least \(fixedCount) got \(args.count)")
            }
        } else {
            fixedCount = args.count
            if argCount != function.parameters.count {
                throw errorf("wrong number of args for \(name): want \(function.parameters.count) got \(argCount)")
            }
        }
        if function.special == .and || function.special == .or {
            var value = TemplateValue.invalid
            for arg in args {
                value = try evalArg(dot, .reflectValue, arg)
                if value.truth == (function.special == .or) { return value }
            }
            if let final { value = try validateType(final, .reflectValue) }
            return value
        }
        var argv: [TemplateValue] = []
        argv.reserveCapacity(argCount)
        var index = 0
        while index < fixedCount && index < args.count {
            argv.append(try evalArg(dot, function.parameters[index], args[index]))
            index += 1
        }
        if let variadic = function.variadic {
            while index < args.count {
                argv.append(try evalArg(dot, variadic, args[index]))
                index += 1
            }
        }
        if let final {
            let type: Parameter
            if let variadic = function.variadic {
                type = argCount - 1 < fixedCount ? function.parameters[argCount - 1] : variadic
            } else {
                type = function.parameters[function.parameters.count - 1]
            }
            argv.append(try validateType(final, type))
        }
        if function.special == .call {
            at(node)
            let callee: String
            switch final {
            case _ where !args.isEmpty: callee = args[0].description
            case .string(let text)?, .html(let text)?: callee = text
            default: callee = "<\(final?.typeName ?? "invalid") Value>"
            }
            if !argv[0].isValid { throw errorf("error calling call: call of nil") }
            throw errorf("error calling call: non-function \(callee) of type \(argv[0].typeName)")
        }
        let result: TemplateValue
        do {
            result = try function.body(argv, functionEnvironment)
        } catch {
            at(node)
            throw errorf("error calling \(name): \(error.message)")
        }
        try account(result)
        return result
    }

    // MARK: - Arguments

    /// Go's `evalArg`: evaluates `argument` for a parameter of `type` (nil: no particular type).
    func evalArg(_ dot: TemplateValue, _ type: Parameter?, _ argument: ArgumentNode) throws(Failure) -> TemplateValue {
        at(.argument(argument))
        switch argument {
        case .dot:
            return try validateType(dot, type)
        case .nilValue:
            guard let type else { return .invalid }
            if type.canBeNil { return type.zero }
            throw errorf("cannot assign nil to \(type.name)")
        case .field(_, let idents):
            return try validateType(try evalFieldNode(dot, argument, idents, args: [argument], final: nil), type)
        case .variable(let variable):
            return try validateType(try evalVariableNode(dot, variable, args: [], final: nil), type)
        case .pipe(let pipe):
            return try validateType(try evalPipeline(dot, pipe), type)
        case .identifier(_, let name):
            return try validateType(
                try evalFunction(dot, argument, name, node: .argument(argument), args: [], final: nil), type)
        case .chain(_, let base, let fields):
            return try validateType(try evalChainNode(dot, argument, base, fields, args: [], final: nil), type)
        default:
            break
        }
        switch type {
        case .string:
            if case .string(_, _, let text) = argument { return .string(text) }
            throw errorf("expected string; found \(argument)")
        case .any, .reflectValue, nil:
            return try evalEmptyInterface(argument)
        case .queryResult, .sample:
            throw errorf("can't handle \(argument) for arg of type \(type?.name ?? "")")
        }
    }

    private func evalEmptyInterface(_ argument: ArgumentNode) throws(Failure) -> TemplateValue {
        at(.argument(argument))
        switch argument {
        case .bool(_, let value): return .bool(value)
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let text): return .string(text)
        default: throw errorf("can't handle assignment of \(argument) to empty interface argument")
        }
    }

    /// Go's `validateType`: checks `value` can be passed as `type`.
    private func validateType(_ value: TemplateValue, _ type: Parameter?) throws(Failure) -> TemplateValue {
        guard let type else { return value }
        if !value.isValid {
            if type.canBeNil { return type.zero }
            throw errorf("invalid value; expected \(type.name)")
        }
        if type.accepts(value) { return value }
        throw errorf("wrong type for value; expected \(type.name); got \(value.typeName)")
    }
}
