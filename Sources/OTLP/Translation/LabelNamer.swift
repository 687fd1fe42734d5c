/// Prometheus label names for OTLP attribute keys (reference/otlp.md §6.4).
enum LabelNamer {
    /// Whether `key` is already a valid label name that `name(_:)` would return unchanged.
    static func isUsableAsIs(_ key: String) -> Bool {
        var hasAlphanumeric = false
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasAlphanumeric = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                hasAlphanumeric = true
            case UInt8(ascii: "_"):
                break
            default:
                return false
            }
        }
        guard let first = key.utf8.first, hasAlphanumeric else { return false }
        return first < UInt8(ascii: "0") || first > UInt8(ascii: "9")
    }

    /// The label name for `key`: each character outside `[A-Za-z0-9_]` becomes `_` (runs are kept, as in
    /// Prometheus's default `label_name_preserve_multiple_underscores`), and a leading digit gets the prefix `key_`.
    /// Nil when the key is empty or nothing but underscores would be left.
    static func name(_ key: String) -> String? {
        var valid = true
        var hasAlphanumeric = false
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                hasAlphanumeric = true
            case UInt8(ascii: "_"):
                break
            default:
                valid = false
            }
        }
        guard hasAlphanumeric else { return nil }
        let startsWithDigit = key.utf8.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        if valid && !startsWithDigit { return key }
        var output: [UInt8] = []
        output.reserveCapacity(key.utf8.count &+ 4)
        if startsWithDigit { output.append(contentsOf: "key_".utf8) }
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                output.append(byte)
            case 0x80...0xBF:
                // A UTF-8 continuation byte: its character already became one `_`.
                break
            default:
                output.append(UInt8(ascii: "_"))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
