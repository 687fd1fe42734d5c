/// Go's `fmt` printing (`Sprint`, `Sprintln`, `Sprintf` and the `%v` form) over template values.
struct GoPrinter {
    private struct Flags {
        var plus = false
        var minus = false
        var sharp = false
        var space = false
        var zero = false
        var plusV = false
        var sharpV = false
        var width: Int?
        var precision: Int?
    }

    private var out = ""
    private var flags = Flags()

    // MARK: - Entry points

    /// `fmt.Sprint`: operands joined, with a space between two operands when neither is a string.
    static func sprint(_ args: [TemplateValue]) -> String {
        var printer = GoPrinter()
        var previousIsString = false
        for (index, arg) in args.enumerated() {
            let isString = arg.basicKind == .string
            if index > 0 && !isString && !previousIsString { printer.out += " " }
            printer.printArg(arg, verb: "v")
            previousIsString = isString
        }
        return printer.out
    }

    /// `fmt.Sprintln`: operands separated by spaces, then a newline.
    static func sprintln(_ args: [TemplateValue]) -> String {
        var printer = GoPrinter()
        for (index, arg) in args.enumerated() {
            if index > 0 { printer.out += " " }
            printer.printArg(arg, verb: "v")
        }
        printer.out += "\n"
        return printer.out
    }

    /// Go's `evalArgs` printing: `fmt.Sprint` after `printableValue` (pointers followed, no value as `<no value>`).
    static func sprintPrintable(_ args: [TemplateValue]) -> String {
        var out = ""
        var previousIsString = false
        for (index, arg) in args.enumerated() {
            let isString = arg.basicKind == .string || !arg.isValid
            if index > 0 && !isString && !previousIsString { out += " " }
            out += templateText(arg)
            previousIsString = isString
        }
        return out
    }

    /// One value printed with a verb and no flags (`fmt.Sprintf("%s", value)`).
    static func format(_ value: TemplateValue, verb: Unicode.Scalar) -> String {
        var printer = GoPrinter()
        printer.printArg(value, verb: verb)
        return printer.out
    }

    /// `fmt.Sprint(value)` of a single value.
    static func display(_ value: TemplateValue) -> String {
        var printer = GoPrinter()
        printer.printArg(value, verb: "v")
        return printer.out
    }

    /// How an action prints its value (`text/template`'s `printValue`): pointers are followed once and a missing
    /// value is `<no value>`.
    static func templateText(_ value: TemplateValue) -> String {
        switch value {
        case .invalid: return "<no value>"
        case .string(let text), .html(let text): return text
        case .sample(let sample?):
            var printer = GoPrinter()
            printer.printSampleStruct(sample, verb: "v", depth: 0)
            return printer.out
        default: return display(value.indirect)
        }
    }

    /// `fmt.Sprintf`.
    static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
        var printer = GoPrinter()
        printer.doPrintf(Array(format.unicodeScalars), args)
        return printer.out
    }

    // MARK: - Printf

    private mutating func doPrintf(_ format: [Unicode.Scalar], _ args: [TemplateValue]) {
        var argNum = 0
        var reordered = false
        var goodArgNum = true
        var index = 0
        let end = format.count
        formatLoop: while index < end {
            goodArgNum = true
            let literalStart = index
            while index < end && format[index] != "%" { index += 1 }
            if index > literalStart { out.unicodeScalars.append(contentsOf: format[literalStart..<index]) }
            if index >= end { break }
            index += 1
            flags = Flags()
            flagLoop: while index < end {
                switch format[index] {
                case "#": flags.sharp = true
                case "0": flags.zero = !flags.minus
                case "+": flags.plus = true
                case "-":
                    flags.minus = true
                    flags.zero = false
                case " ": flags.space = true
                default: break flagLoop
                }
                index += 1
            }
            var afterIndex = false
            (argNum, index, afterIndex) = argNumber(argNum, format, index, args.count, &reordered, &goodArgNum)
            if index < end && format[index] == "*" {
                index += 1
                let (width, ok, nextArg) = intFromArg(args, argNum)
                argNum = nextArg
                if !ok {
                    out += "%!(BADWIDTH)"
                } else if width < 0 {
                    flags.width = -width
                    flags.minus = true
                    flags.zero = false
                } else {
                    flags.width = width
                }
                afterIndex = false
            } else {
                let (width, ok, nextIndex) = parseNumber(format, index)
                index = nextIndex
                if ok { flags.width = width }
                if afterIndex && ok { goodArgNum = false }
            }
            if index + 1 < end && format[index] == "." {
                index += 1
                if afterIndex { goodArgNum = false }
                (argNum, index, afterIndex) = argNumber(argNum, format, index, args.count, &reordered, &goodArgNum)
                if index < end && format[index] == "*" {
                    index += 1
                    let (precision, ok, nextArg) = intFromArg(args, argNum)
                    argNum = nextArg
                    if ok && precision >= 0 { flags.precision = precision }
                    if !ok || precision < 0 { out += "%!(BADPREC)" }
                    afterIndex = false
                } else {
                    let (precision, ok, nextIndex) = parseNumber(format, index)
                    index = nextIndex
                    flags.precision = ok ? precision : 0
                }
            }
            if !afterIndex {
                (argNum, index, afterIndex) = argNumber(argNum, format, index, args.count, &reordered, &goodArgNum)
            }
            if index >= end {
                out += "%!(NOVERB)"
                break formatLoop
            }
            let verb = format[index]
            index += 1
            if verb == "%" {
                out += "%"
            } else if !goodArgNum {
                out += "%!" + String(verb) + "(BADINDEX)"
            } else if argNum >= args.count {
                out += "%!" + String(verb) + "(MISSING)"
            } else {
                if verb == "v" {
                    flags.sharpV = flags.sharp
                    flags.sharp = false
                    flags.plusV = flags.plus
                    flags.plus = false
                }
                printArg(args[argNum], verb: verb)
                argNum += 1
            }
        }
        if !reordered && argNum < args.count {
            flags = Flags()
            out += "%!(EXTRA "
            for (offset, arg) in args[argNum...].enumerated() {
                if offset > 0 { out += ", " }
                if case .invalid = arg {
                    out += "<nil>"
                } else {
                    out += arg.typeName + "="
                    printArg(arg, verb: "v")
                }
            }
            out += ")"
        }
    }

    /// Go's `parsenum`: decimal digits in `start..<end`.
    private func parseNumber(_ format: [Unicode.Scalar], _ start: Int, _ end: Int? = nil) -> (Int, Bool, Int) {
        let end = end ?? format.count
        guard start < end else { return (0, false, end) }
        var index = start
        var value = 0
        var ok = false
        while index < end, ("0"..."9").contains(format[index]) {
            if value > 1_000_000 { return (0, false, end) }
            value = value * 10 + Int(format[index].value) - 48
            ok = true
            index += 1
        }
        return (value, ok, index)
    }

    /// Go's `argNumber`: an explicit `[n]` argument index.
    private func argNumber(
        _ argNum: Int, _ format: [Unicode.Scalar], _ index: Int, _ numArgs: Int,
        _ reordered: inout Bool, _ goodArgNum: inout Bool
    ) -> (Int, Int, Bool) {
        guard index < format.count, format[index] == "[" else { return (argNum, index, false) }
        reordered = true
        var width = 1
        var ok = false
        var number = 0
        if format.count - index >= 3 {
            var close = index + 1
            while close < format.count && format[close] != "]" { close += 1 }
            if close < format.count {
                let (value, isNumber, next) = parseNumber(format, index + 1, close)
                width = close - index + 1
                ok = isNumber && next == close
                number = value - 1
            }
        }
        if ok && number >= 0 && number < numArgs { return (number, index + width, true) }
        goodArgNum = false
        return (argNum, index + width, ok)
    }

    private func intFromArg(_ args: [TemplateValue], _ argNum: Int) -> (Int, Bool, Int) {
        guard argNum < args.count else { return (0, false, argNum) }
        if let value = args[argNum].integerValue, abs(value) <= 1_000_000 { return (Int(value), true, argNum + 1) }
        return (0, false, argNum + 1)
    }

    // MARK: - Values

    private mutating func printArg(_ arg: TemplateValue, verb: Unicode.Scalar) {
        if verb == "T" {
            fmtString(arg.typeName, verb: "s")
            return
        }
        printValue(arg, verb: verb, depth: 0)
    }

    private mutating func printValue(_ value: TemplateValue, verb: Unicode.Scalar, depth: Int) {
        switch value {
        case .invalid:
            if verb == "v" {
                pad("<nil>")
            } else {
                badVerb(verb, value)
            }
        case .bool(let flag):
            if verb == "t" || verb == "v" { pad(flag ? "true" : "false") } else { badVerb(verb, value) }
        case .integer(let number, let type):
            if type == .uint8 {
                fmtInteger(UInt64(number), negative: false, signed: false, verb: verb, value: value)
            } else {
                fmtInteger(number.magnitude, negative: number < 0, signed: true, verb: verb, value: value)
            }
        case .float(let number):
            fmtFloat(number, verb: verb, value: value)
        case .complex(let real, let imaginary):
            guard "vbgGxXfFeE".unicodeScalars.contains(verb) else { return badVerb(verb, value) }
            let oldPlus = flags.plus
            out += "("
            fmtFloat(real, verb: verb, value: value)
            flags.plus = true
            fmtFloat(imaginary, verb: verb, value: value)
            out += "i)"
            flags.plus = oldPlus
        case .string(let text), .html(let text):
            fmtString(text, verb: verb)
        case .stringMap(let map):
            printMap(map.keys.sorted(by: GoText.less), verb: verb, depth: depth) { .string(map[$0] ?? "") }
        case .anyMap(let map):
            printMap(map.keys.sorted(by: GoText.less), verb: verb, depth: depth) { map[$0] ?? .invalid }
        case .queryResult(let samples):
            out += "["
            for (index, sample) in samples.enumerated() {
                if index > 0 { out += " " }
                printValue(.sample(sample), verb: verb, depth: depth + 1)
            }
            out += "]"
        case .sample(let sample):
            guard let sample else {
                if verb == "v" { pad("<nil>") } else { badVerb(verb, value) }
                return
            }
            if depth > 0 && verb != "v" {
                // Go prints a nested pointer with a non-%v verb as a bad verb; with %v it prints the address,
                // which has no equivalent here, so %v shows the pointed-to sample instead.
                out += "%!" + String(verb) + "(*template.sample=&"
                printSampleStruct(sample, verb: "v", depth: depth + 1)
                out += ")"
                return
            }
            out += "&"
            printSampleStruct(sample, verb: verb, depth: depth + 1)
        case .time(let nanoseconds, _):
            if "vsxXq".unicodeScalars.contains(verb) {
                fmtString(GoTime.string(nanoseconds), verb: verb)
            } else {
                badVerb(verb, value)
            }
        case .duration(let nanoseconds, let pointer):
            if "vsxXq".unicodeScalars.contains(verb) {
                fmtString(GoTime.durationString(nanoseconds), verb: verb)
            } else if !pointer {
                fmtInteger(nanoseconds.magnitude, negative: nanoseconds < 0, signed: true, verb: verb, value: value)
            } else {
                badVerb(verb, value)
            }
        case .alert(let data):
            out += "{"
            let fields: [(String, TemplateValue)] = [
                ("Labels", .stringMap(data.labels)), ("ExternalLabels", .stringMap(data.externalLabels)),
                ("ExternalURL", .string(data.externalURL)), ("Value", .float(data.value)),
            ]
            for (index, field) in fields.enumerated() {
                if index > 0 { out += " " }
                if flags.plusV { out += field.0 + ":" }
                printValue(field.1, verb: verb, depth: depth + 1)
            }
            out += "}"
        }
    }

    private mutating func printSampleStruct(_ sample: TemplateQuerySample, verb: Unicode.Scalar, depth: Int) {
        out += "{"
        if flags.plusV { out += "Labels:" }
        printValue(.stringMap(sample.labels), verb: verb, depth: depth + 1)
        out += " "
        if flags.plusV { out += "Value:" }
        printValue(.float(sample.value), verb: verb, depth: depth + 1)
        out += "}"
    }

    private mutating func printMap(
        _ keys: [String], verb: Unicode.Scalar, depth: Int,
        value: (String) -> TemplateValue
    ) {
        out += "map["
        for (index, key) in keys.enumerated() {
            if index > 0 { out += " " }
            printValue(.string(key), verb: verb, depth: depth + 1)
            out += ":"
            printValue(value(key), verb: verb, depth: depth + 1)
        }
        out += "]"
    }

    /// Go's `badVerb`: `%!verb(type=value)`, the value printed with `%v` under the same flags (as Go does).
    private mutating func badVerb(_ verb: Unicode.Scalar, _ value: TemplateValue) {
        out += "%!" + String(verb) + "("
        if case .invalid = value {
            out += "<nil>"
        } else {
            out += value.typeName + "="
            printValue(value, verb: "v", depth: 0)
        }
        out += ")"
    }

    // MARK: - Padding

    private mutating func pad(_ text: String) {
        guard let width = flags.width else {
            out += text
            return
        }
        let count = GoText.runeCount(text)
        guard width > count else {
            out += text
            return
        }
        let padding = String(repeating: flags.zero ? "0" : " ", count: width - count)
        out += flags.minus ? text + String(repeating: " ", count: width - count) : padding + text
    }

    // MARK: - Strings

    private mutating func fmtString(_ text: String, verb: Unicode.Scalar) {
        switch verb {
        case "v":
            if flags.sharpV { pad(GoText.quote(text)) } else { pad(truncated(text)) }
        case "s":
            pad(truncated(text))
        case "x", "X":
            pad(hexString(truncated(text), uppercase: verb == "X"))
        case "q":
            let body = truncated(text)
            if flags.sharp && GoText.canBackquote(body) {
                pad("`" + body + "`")
            } else {
                pad(flags.plus ? GoText.quoteASCII(body) : GoText.quote(body))
            }
        default:
            badVerb(verb, .string(text))
        }
    }

    private func truncated(_ text: String) -> String {
        guard let precision = flags.precision else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(precision)))
    }

    private func hexString(_ text: String, uppercase: Bool) -> String {
        var result = ""
        for (index, byte) in text.utf8.enumerated() {
            if flags.space && index > 0 { result += " " }
            if flags.sharp && (flags.space || index == 0) { result += uppercase ? "0X" : "0x" }
            result += GoText.hex(UInt64(byte), width: 2, uppercase: uppercase)
        }
        return result
    }

    // MARK: - Numbers

    private mutating func fmtInteger(
        _ magnitude: UInt64, negative: Bool, signed: Bool, verb: Unicode.Scalar,
        value: TemplateValue
    ) {
        switch verb {
        case "v", "d":
            fmtIntegerBase(magnitude, negative: negative, base: 10, verb: verb)
        case "b":
            fmtIntegerBase(magnitude, negative: negative, base: 2, verb: verb)
        case "o", "O":
            fmtIntegerBase(magnitude, negative: negative, base: 8, verb: verb)
        case "x":
            fmtIntegerBase(magnitude, negative: negative, base: 16, verb: verb)
        case "X":
            fmtIntegerBase(magnitude, negative: negative, base: 16, verb: verb, uppercase: true)
        case "c":
            let scalar = negative ? nil : Unicode.Scalar(UInt32(truncatingIfNeeded: magnitude))
            pad(String(scalar ?? "\u{FFFD}"))
        case "q":
            pad(
                GoText.quoteRune(
                    negative ? -Int64(truncatingIfNeeded: magnitude) : Int64(truncatingIfNeeded: magnitude)))
        case "U":
            var text = "U+" + GoText.hex(magnitude, width: 4, uppercase: true)
            if flags.sharp, !negative, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: magnitude)),
                GoText.isPrint(scalar)
            {
                text += " '" + String(scalar) + "'"
            }
            pad(text)
        default:
            badVerb(verb, value)
        }
    }

    private mutating func fmtIntegerBase(
        _ magnitude: UInt64, negative: Bool, base: Int, verb: Unicode.Scalar,
        uppercase: Bool = false
    ) {
        var digits = String(magnitude, radix: base, uppercase: uppercase)
        if let precision = flags.precision {
            if precision == 0 && magnitude == 0 {
                digits = ""
            } else if digits.count < precision {
                digits = String(repeating: "0", count: precision - digits.count) + digits
            }
        }
        var prefix = ""
        if flags.sharp {
            switch base {
            case 2: prefix = "0b"
            case 8: if !digits.hasPrefix("0") { prefix = "0" }
            case 16: prefix = uppercase ? "0X" : "0x"
            default: break
            }
        }
        if verb == "O" { prefix = "0o" }
        let sign = negative ? "-" : (flags.plus ? "+" : (flags.space ? " " : ""))
        if flags.zero, flags.precision == nil, !flags.minus, let width = flags.width {
            let wanted = width - sign.count
            if wanted > digits.count { digits = String(repeating: "0", count: wanted - digits.count) + digits }
        }
        let saved = flags.zero
        flags.zero = false
        pad(sign + prefix + digits)
        flags.zero = saved
    }

    /// Go's `#` flag for floats: always a decimal point, and for `%g` trailing zeros up to the precision (6 if
    /// none).
    private static func sharpFloat(_ text: String, verb: Unicode.Scalar, precision: Int?) -> String {
        var digits = 0
        if verb == "v" || verb == "g" || verb == "G" || verb == "x" { digits = precision ?? 6 }
        var body = Array(text.unicodeScalars)
        var sign: [Unicode.Scalar] = []
        if let first = body.first, first == "-" || first == "+" {
            sign = [first]
            body.removeFirst()
        }
        var tail: [Unicode.Scalar] = []
        var hasDecimalPoint = false
        var sawNonzeroDigit = false
        var index = 0
        scan: while index < body.count {
            let scalar = body[index]
            let isExponent =
                scalar == "p" || scalar == "P"
                || ((scalar == "e" || scalar == "E") && verb != "x" && verb != "X")
            if isExponent {
                tail = Array(body[index...])
                body.removeSubrange(index...)
                break scan
            }
            if scalar == "." {
                hasDecimalPoint = true
            } else {
                if scalar != "0" { sawNonzeroDigit = true }
                if sawNonzeroDigit { digits -= 1 }
            }
            index += 1
        }
        if !hasDecimalPoint {
            if body == ["0"] { digits -= 1 }
            body.append(".")
        }
        while digits > 0 {
            body.append("0")
            digits -= 1
        }
        return String(String.UnicodeScalarView(sign + body + tail))
    }

    private mutating func fmtFloat(_ number: Double, verb: Unicode.Scalar, value: TemplateValue) {
        var text: String
        switch verb {
        case "v", "g", "G":
            if let precision = flags.precision {
                text = GoFloat.format(number, verb: verb == "G" ? "G" : "g", precision: precision)
            } else {
                text = GoFloat.formatShortest(number, uppercase: verb == "G")
            }
        case "e", "E", "f", "F":
            text = GoFloat.format(number, verb: Character(verb), precision: flags.precision ?? 6)
        case "x", "X":
            text = GoFloat.formatHex(number, precision: flags.precision, uppercase: verb == "X")
        case "b":
            text = GoFloat.formatBinary(number)
        default:
            return badVerb(verb, value)
        }
        if flags.sharp && verb != "b" && number.isFinite {
            text = Self.sharpFloat(text, verb: verb, precision: flags.precision)
        }
        if number.isNaN {
            text = flags.plus ? "+NaN" : (flags.space ? " NaN" : "NaN")
            let saved = flags.zero
            flags.zero = false
            pad(text)
            flags.zero = saved
            return
        }
        if number.isInfinite {
            if number > 0 && !flags.plus && flags.space { text = " Inf" }
            let saved = flags.zero
            flags.zero = false
            pad(text)
            flags.zero = saved
            return
        }
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text.removeFirst()
        } else if flags.plus {
            sign = "+"
        } else if flags.space {
            sign = " "
        }
        if flags.zero, !flags.minus, let width = flags.width, width > sign.count + text.count {
            text = String(repeating: "0", count: width - sign.count - text.count) + text
        }
        let saved = flags.zero
        flags.zero = false
        pad(sign + text)
        flags.zero = saved
    }
}
