import TimeSeries

/// Builds JSON text byte by byte, escaping strings as Go's `encoding/json` does, so responses match Prometheus's.
///
/// String escaping: `"` and `\` get a backslash; `\b \f \n \r \t` their short forms; other control characters,
/// `<`, `>`, `&` (Go escapes them for HTML safety), U+2028 and U+2029 become `\u00XX`-style escapes; everything
/// else, any UTF-8, is written as is.
struct JSONWriter {
    /// The text so far.
    private(set) var bytes: [UInt8] = []

    /// Appends raw JSON text (a literal, a number, punctuation).
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends bytes already in JSON form.
    mutating func raw(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Appends a quoted, escaped string.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = Array(value.utf8)
        if utf8.contains(where: JSONWriter.needsEscape) {
            utf8 = JSONWriter.escaped(utf8)
        }
        bytes.append(contentsOf: utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an object of the label set, keys in byte order like Go's sorted map keys: `{"__name__":"up",…}`.
    mutating func labels(_ labels: Labels) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for label in JSONWriter.byteOrder(labels) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(label.name)
            bytes.append(UInt8(ascii: ":"))
            string(label.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends an array of strings.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The text as a string (for tests and the CLI).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Escaping

    /// The labels sorted by the UTF-8 bytes of their names (their stored order is the same for ASCII names).
    static func byteOrder(_ labels: Labels) -> [Label] {
        let list = labels.labels
        guard list.contains(where: { !$0.name.utf8.allSatisfy { $0 < 0x80 } }) else { return list }
        return list.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == 0xE2
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func escaped(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 16)
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), byte]
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                out += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            case 0xE2
            where index + 2 < input.count && input[index + 1] == 0x80
                && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break JavaScript string literals.
                out += Array("\\u202".utf8) + [input[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                index += 2
            default:
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}
