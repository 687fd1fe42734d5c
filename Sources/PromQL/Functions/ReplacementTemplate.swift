import TimeSeries

/// A `label_replace` replacement string parsed once, expanded like Go's `Regexp.Expand`.
///
/// `$name` and `${name}` take the longest run of letters, digits and `_` as the name (so `$1x` is the group named
/// `1x`, not group 1 followed by `x`); a name of ASCII digits without a leading zero is a group number; `$$` is a
/// literal `$`; a `$` not followed by a valid reference stays literal. A group that does not exist or took no part
/// in the match expands to nothing.
struct ReplacementTemplate: Sendable, Hashable {
    /// One piece of the template.
    enum Part: Sendable, Hashable {
        /// Text copied as is.
        case literal(String)
        /// A numbered group (0 is the whole match).
        case number(Int)
        /// A named group.
        case name(String)
    }

    /// The pieces in order.
    let parts: [Part]

    /// Parses `template`.
    init(_ template: String) {
        var parts: [Part] = []
        var literal = ""
        let scalars = Array(template.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "$" else {
                literal.unicodeScalars.append(scalar)
                continue
            }
            if index < scalars.count, scalars[index] == "$" {
                literal.append("$")
                index += 1
                continue
            }
            guard let (reference, next) = Self.reference(in: scalars, at: index) else {
                // Malformed: the `$` is plain text and scanning resumes right after it.
                literal.append("$")
                continue
            }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(reference)
            index = next
        }
        if !literal.isEmpty {
            parts.append(.literal(literal))
        }
        self.parts = parts
    }

    /// The expansion for one match (`captures[0]` the whole match, then the groups in pattern order).
    func expand(_ captures: [RegexCapture]) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text):
                result += text
            case .number(let number):
                if number < captures.count, let value = captures[number].value {
                    result += value
                }
            case .name(let name):
                if let value = captures.first(where: { $0.name == name && $0.value != nil })?.value {
                    result += value
                }
            }
        }
        return result
    }

    /// Go's `extract`: the reference starting at `start` (just after a `$`) and the index after it, or nil when
    /// there is no valid name there.
    private static func reference(
        in scalars: [Unicode.Scalar], at start: Int
    ) -> (reference: Part, next: Int)? {
        var index = start
        let braced = index < scalars.count && scalars[index] == "{"
        if braced { index += 1 }
        let nameStart = index
        while index < scalars.count, isNameScalar(scalars[index]) {
            index += 1
        }
        guard index > nameStart else { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[nameStart..<index])
        if braced {
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            index += 1
        }
        if let number = groupNumber(name) {
            return (.number(number), index)
        }
        return (.name(name), index)
    }

    /// Go's rule for a numeric reference: ASCII digits only, below 10⁸ before each digit, no leading zero.
    private static func groupNumber(_ name: String) -> Int? {
        var number = 0
        for byte in name.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), number < 100_000_000 else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        if name.utf8.count > 1 && name.utf8.first == UInt8(ascii: "0") { return nil }
        return number
    }

    /// Go's `unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'`.
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
