/// Go's `text/template` builtin functions with their Go semantics and error texts.
enum GoBuiltins {
    typealias Failure = TemplateFunction.Failure

    static let functions: [String: TemplateFunction] = [
        "and": TemplateFunction([.reflectValue], variadic: .reflectValue, special: .and) { args, _ in args[0] },
        "or": TemplateFunction([.reflectValue], variadic: .reflectValue, special: .or) { args, _ in args[0] },
        "call": TemplateFunction([.reflectValue], variadic: .reflectValue, special: .call) { args, _ in args[0] },
        "not": TemplateFunction([.reflectValue]) { args, _ in .bool(!args[0].truth) },
        "len": TemplateFunction([.reflectValue]) { args, _ throws(Failure) in try length(args[0]) },
        "index": TemplateFunction([.reflectValue], variadic: .reflectValue) { args, _ throws(Failure) in
            try index(args[0], Array(args.dropFirst()))
        },
        "slice": TemplateFunction([.reflectValue], variadic: .reflectValue) { args, _ throws(Failure) in
            try slice(args[0], Array(args.dropFirst()))
        },
        "print": TemplateFunction([], variadic: .any) { args, _ in .string(GoPrinter.sprint(args)) },
        "println": TemplateFunction([], variadic: .any) { args, _ in .string(GoPrinter.sprintln(args)) },
        "printf": TemplateFunction([.string], variadic: .any) { args, _ in
            guard case .string(let format) = args[0] else { return .invalid }
            return .string(GoPrinter.sprintf(format, Array(args.dropFirst())))
        },
        "html": TemplateFunction([], variadic: .any) { args, _ in .string(GoEscaping.html(evalArgs(args))) },
        "js": TemplateFunction([], variadic: .any) { args, _ in .string(GoEscaping.javaScript(evalArgs(args))) },
        "urlquery": TemplateFunction([], variadic: .any) { args, _ in
            .string(GoEscaping.queryEscape(evalArgs(args)))
        },
        "eq": TemplateFunction([.reflectValue], variadic: .reflectValue) { args, _ throws(Failure) in
            .bool(try equal(args[0], Array(args.dropFirst())))
        },
        "ne": TemplateFunction([.reflectValue, .reflectValue]) { args, _ throws(Failure) in
            .bool(!(try equal(args[0], [args[1]])))
        },
        "lt": TemplateFunction([.reflectValue, .reflectValue]) { args, _ throws(Failure) in
            .bool(try less(args[0], args[1]))
        },
        "le": TemplateFunction([.reflectValue, .reflectValue]) { args, _ throws(Failure) in
            .bool(try lessOrEqual(args[0], args[1]))
        },
        "gt": TemplateFunction([.reflectValue, .reflectValue]) { args, _ throws(Failure) in
            .bool(!(try lessOrEqual(args[0], args[1])))
        },
        "ge": TemplateFunction([.reflectValue, .reflectValue]) { args, _ throws(Failure) in
            .bool(!(try less(args[0], args[1])))
        },
    ]

    /// Go's `evalArgs`: `fmt.Sprint` of the arguments after following pointers (a single string is used as is).
    static func evalArgs(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let text) = args[0] { return text }
        return GoPrinter.sprintPrintable(args)
    }

    // MARK: - len, index, slice

    static func length(_ item: TemplateValue) throws(Failure) -> TemplateValue {
        switch item {
        case .sample(nil): throw Failure("len of nil pointer")
        case .invalid: throw Failure("reflect: call of reflect.Value.Type on zero Value")
        case .string(let text), .html(let text): return .integer(Int64(text.utf8.count), .int)
        case .stringMap(let map): return .integer(Int64(map.count), .int)
        case .anyMap(let map): return .integer(Int64(map.count), .int)
        case .queryResult(let samples): return .integer(Int64(samples.count), .int)
        default: throw Failure("len of type \(indirectTypeName(item))")
        }
    }

    /// The type name after following a pointer (what Go reports for `len`/`index` of a pointed-to value).
    private static func indirectTypeName(_ item: TemplateValue) -> String {
        switch item {
        case .sample(.some): "template.sample"
        default: item.indirect.typeName
        }
    }

    private static func indexArgument(_ index: TemplateValue, capacity: Int) throws(Failure) -> Int {
        let position: Int64
        switch index {
        case .invalid: throw Failure("cannot index slice/array with nil")
        default:
            guard let value = index.integerValue else {
                throw Failure("cannot index slice/array with type \(index.typeName)")
            }
            position = value
        }
        if position < 0 || position > Int64(capacity) { throw Failure("index out of range: \(position)") }
        return Int(position)
    }

    private static func mapKey(_ index: TemplateValue) throws(Failure) -> String {
        switch index {
        case .string(let key): return key
        case .invalid: throw Failure("value is nil; should be of type string")
        default: throw Failure("value has type \(index.typeName); should be string")
        }
    }

    static func index(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(Failure) -> TemplateValue {
        var item = item
        if case .invalid = item { throw Failure("index of untyped nil") }
        for index in indexes {
            switch item {
            case .sample(nil):
                throw Failure("index of nil pointer")
            case .string(let text), .html(let text):
                let bytes = Array(text.utf8)
                let position = try indexArgument(index, capacity: bytes.count)
                guard position < bytes.count else { throw Failure("reflect: string index out of range") }
                item = .integer(Int64(bytes[position]), .uint8)
            case .queryResult(let samples):
                let position = try indexArgument(index, capacity: samples.count)
                guard position < samples.count else { throw Failure("reflect: slice index out of range") }
                item = .sample(samples[position])
            case .stringMap(let map):
                item = .string(map[try mapKey(index)] ?? "")
            case .anyMap(let map):
                item = map[try mapKey(index)] ?? .invalid
            default:
                throw Failure("can't index item of type \(indirectTypeName(item))")
            }
        }
        return item
    }

    static func slice(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(Failure) -> TemplateValue {
        if case .invalid = item { throw Failure("slice of untyped nil") }
        if indexes.count > 3 { throw Failure("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item {
        case .string(let text), .html(let text):
            if indexes.count == 3 { throw Failure("cannot 3-index slice a string") }
            count = text.utf8.count
        case .queryResult(let samples):
            count = samples.count
        default:
            throw Failure("can't slice item of type \(item.typeName)")
        }
        var bounds = [0, count, 0]
        for (position, index) in indexes.enumerated() {
            bounds[position] = try indexArgument(index, capacity: count)
        }
        if bounds[0] > bounds[1] { throw Failure("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3 && bounds[1] > bounds[2] {
            throw Failure("invalid slice index: \(bounds[1]) > \(bounds[2])")
        }
        switch item {
        case .string(let text):
            return .string(String(decoding: Array(text.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .html(let text):
            return .html(String(decoding: Array(text.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .queryResult(let samples):
            return .queryResult(Array(samples[bounds[0]..<bounds[1]]))
        default:
            return item
        }
    }

    // MARK: - Comparison

    /// `reflect.Kind` classes for the non-basic comparison rules.
    private enum ReflectKind {
        case invalid, basic, map, slice, pointer, structure
    }

    private static func reflectKind(_ value: TemplateValue) -> ReflectKind {
        switch value {
        case .invalid: .invalid
        case .stringMap, .anyMap: .map
        case .queryResult: .slice
        case .sample, .time(_, true), .duration(_, true): .pointer
        case .time, .alert: .structure
        default: .basic
        }
    }

    private static func isNil(_ value: TemplateValue) -> Bool {
        switch value {
        case .invalid, .sample(nil): true
        default: false
        }
    }

    private static func comparable(_ value: TemplateValue) -> Bool {
        switch value {
        case .stringMap, .anyMap, .queryResult, .alert: false
        default: true
        }
    }

    private static func sameReference(_ lhs: TemplateValue, _ rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.sample(let left), .sample(let right)): left == right
        case (.time(let left, let leftPointer), .time(let right, let rightPointer)):
            left == right && leftPointer == rightPointer
        case (.duration(let left, let leftPointer), .duration(let right, let rightPointer)):
            left == right && leftPointer == rightPointer
        default: false
        }
    }

    /// Go's `eq arg1 arg2...`: true if arg1 equals any of the others.
    static func equal(_ first: TemplateValue, _ others: [TemplateValue]) throws(Failure) -> Bool {
        if others.isEmpty { throw Failure("missing argument for comparison") }
        let kind1 = first.basicKind
        for other in others {
            let kind2 = other.basicKind
            var truth = false
            if kind1 != kind2 {
                switch (kind1, kind2) {
                case (.int, .uint):
                    truth = (first.integerValue ?? 0) >= 0 && first.integerValue == other.integerValue
                case (.uint, .int):
                    truth = (other.integerValue ?? 0) >= 0 && first.integerValue == other.integerValue
                default:
                    if first.isValid && other.isValid {
                        throw Failure("incompatible types for comparison: \(first.typeName) and \(other.typeName)")
                    }
                }
            } else {
                switch kind1 {
                case .bool, .int, .uint, .float, .complex, .string:
                    truth = basicEqual(first, other)
                case .invalid:
                    let leftKind = reflectKind(first)
                    let rightKind = reflectKind(other)
                    if leftKind != rightKind && leftKind != .invalid && rightKind != .invalid {
                        throw Failure(
                            "non-comparable types \(GoPrinter.format(first, verb: "s")): \(first.typeName), "
                                + "\(other.typeName): \(GoPrinter.display(other))")
                    }
                    if isNil(first) || isNil(other) {
                        truth = isNil(first) == isNil(other)
                    } else {
                        if !comparable(other) {
                            throw Failure(
                                "non-comparable type \(GoPrinter.format(other, verb: "s")): \(other.typeName)")
                        }
                        truth = sameReference(first, other)
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    private static func basicEqual(_ lhs: TemplateValue, _ rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let left), .bool(let right)): return left == right
        case (.float(let left), .float(let right)): return left == right
        case (.complex(let leftReal, let leftImaginary), .complex(let rightReal, let rightImaginary)):
            return leftReal == rightReal && leftImaginary == rightImaginary
        default:
            if let left = lhs.integerValue, let right = rhs.integerValue { return left == right }
            if let left = stringValue(lhs), let right = stringValue(rhs) { return left == right }
            return false
        }
    }

    private static func stringValue(_ value: TemplateValue) -> String? {
        switch value {
        case .string(let text), .html(let text): text
        default: nil
        }
    }

    /// Go's `lt`.
    static func less(_ first: TemplateValue, _ second: TemplateValue) throws(Failure) -> Bool {
        let kind1 = first.basicKind
        if kind1 == .invalid { throw Failure("invalid type for comparison") }
        let kind2 = second.basicKind
        if kind2 == .invalid { throw Failure("invalid type for comparison") }
        if kind1 != kind2 {
            switch (kind1, kind2) {
            case (.int, .uint):
                let left = first.integerValue ?? 0
                return left < 0 || left < (second.integerValue ?? 0)
            case (.uint, .int):
                let right = second.integerValue ?? 0
                return right >= 0 && (first.integerValue ?? 0) < right
            default:
                throw Failure("incompatible types for comparison: \(first.typeName) and \(second.typeName)")
            }
        }
        switch kind1 {
        case .bool, .complex, .invalid:
            throw Failure("invalid type for comparison")
        case .float:
            guard case .float(let left) = first, case .float(let right) = second else { return false }
            return left < right
        case .int, .uint:
            return (first.integerValue ?? 0) < (second.integerValue ?? 0)
        case .string:
            return GoText.less(stringValue(first) ?? "", stringValue(second) ?? "")
        }
    }

    /// Go's `le`: `lt` or `eq`.
    static func lessOrEqual(_ first: TemplateValue, _ second: TemplateValue) throws(Failure) -> Bool {
        if try less(first, second) { return true }
        return try equal(first, [second])
    }
}
