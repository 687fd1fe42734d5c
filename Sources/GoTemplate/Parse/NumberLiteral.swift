/// Go's `parse.NumberNode` construction: a literal is parsed as every numeric type that can hold it (ideal
/// constants), with Go's error texts.
enum NumberLiteral {
    struct Failure: Error {
        var message: String
    }

    static func parse(pos: Int, text: String, kind: TemplateItem.Kind) throws(Failure) -> NumberNode {
        var node = NumberNode(pos: pos, text: text)
        switch kind {
        case .charConstant:
            let bytes = Array(text.utf8)
            guard bytes.count >= 2,
                let (piece, tail) = GoStrconv.unquoteChar(bytes[1...], quote: bytes[0])
            else { throw Failure(message: "invalid syntax") }
            guard tail.elementsEqual([UInt8(ascii: "'")]) else {
                throw Failure(message: "malformed character constant: \(text)")
            }
            let value = piece.integerValue
            node.isInt = true
            node.int64 = value
            node.isUint = true
            node.uint64 = UInt64(value)
            node.isFloat = true
            node.float64 = Double(value)
            return node
        case .complex:
            guard let complex = parseComplex(text) else {
                throw Failure(message: "strconv.ParseFloat: parsing \(GoText.quote(text)): invalid syntax")
            }
            node.isComplex = true
            node.complex = complex
            simplifyComplex(&node)
            return node
        default:
            break
        }
        if text.hasSuffix("i"), case .success(let imaginary) = GoStrconv.parseFloat(String(text.dropLast())) {
            node.isComplex = true
            node.complex = (0, imaginary)
            simplifyComplex(&node)
            return node
        }
        let unsigned = GoStrconv.parseUInt(text)
        if case .success(let value) = unsigned {
            node.isUint = true
            node.uint64 = value
        }
        if case .success(let value) = GoStrconv.parseInt(text) {
            node.isInt = true
            node.int64 = value
            if value == 0 {
                node.isUint = true
                node.uint64 = 0
            }
        }
        if node.isInt {
            node.isFloat = true
            node.float64 = Double(node.int64)
        } else if node.isUint {
            node.isFloat = true
            node.float64 = Double(node.uint64)
        } else if case .success(let value) = GoStrconv.parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw Failure(message: "integer overflow: \(GoText.quote(text))")
            }
            node.isFloat = true
            node.float64 = value
            if let integer = exactInt64(value) {
                node.isInt = true
                node.int64 = integer
            }
            if let integer = exactUInt64(value) {
                node.isUint = true
                node.uint64 = integer
            }
        }
        if !node.isInt && !node.isUint && !node.isFloat {
            throw Failure(message: "illegal number syntax: \(GoText.quote(text))")
        }
        return node
    }

    /// `value` as an `Int64` when it is integral and in range (Go's `float64(int64(f)) == f`).
    static func exactInt64(_ value: Double) -> Int64? {
        guard value.isFinite, value == value.rounded(.towardZero), value >= -0x1p63, value < 0x1p63 else {
            return nil
        }
        return Int64(value)
    }

    /// `value` as a `UInt64` when it is integral and in range.
    static func exactUInt64(_ value: Double) -> UInt64? {
        guard value.isFinite, value == value.rounded(.towardZero), value >= 0, value < 0x1p64 else { return nil }
        return UInt64(value)
    }

    private static func simplifyComplex(_ node: inout NumberNode) {
        node.isFloat = node.complex.imaginary == 0
        guard node.isFloat else { return }
        node.float64 = node.complex.real
        if let integer = exactInt64(node.float64) {
            node.isInt = true
            node.int64 = integer
        }
        if let integer = exactUInt64(node.float64) {
            node.isUint = true
            node.uint64 = integer
        }
    }

    /// `real±imaginaryi`, as `fmt.Sscan` reads a complex number.
    private static func parseComplex(_ text: String) -> (real: Double, imaginary: Double)? {
        var body = text
        if body.hasPrefix("(") && body.hasSuffix(")") { body = String(body.dropFirst().dropLast()) }
        guard body.hasSuffix("i") else { return nil }
        body.removeLast()
        let characters = Array(body)
        var split: Int?
        for index in stride(from: characters.count - 1, to: 0, by: -1)
        where characters[index] == "+"
            || characters[index] == "-"
        {
            let previous = characters[index - 1]
            if "eEpP".contains(previous) { continue }
            split = index
            break
        }
        guard let split else { return nil }
        guard case .success(let real) = GoStrconv.parseFloat(String(characters[..<split])),
            case .success(let imaginary) = GoStrconv.parseFloat(String(characters[split...]))
        else { return nil }
        return (real, imaginary)
    }
}
