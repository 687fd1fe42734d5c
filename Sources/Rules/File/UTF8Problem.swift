/// libyaml's reader check of UTF-8 input, with its messages (`invalid leading UTF-8 octet`, ...).
enum UTF8Problem {
    /// The problem with the first invalid sequence in `bytes`, or nil when they are valid UTF-8.
    static func first(in bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width: Int
            switch lead {
            case 0x00...0x7F: width = 1
            case 0xC0...0xDF: width = 2
            case 0xE0...0xEF: width = 3
            case 0xF0...0xF7: width = 4
            default: return "invalid leading UTF-8 octet"
            }
            guard index + width <= bytes.count else { return "incomplete UTF-8 octet sequence" }
            var value = UInt32(width == 1 ? lead : lead & (0xFF >> (width + 1)))
            for offset in 1..<max(width, 1) {
                let trailing = bytes[index + offset]
                guard trailing & 0xC0 == 0x80 else { return "invalid trailing UTF-8 octet" }
                value = value << 6 | UInt32(trailing & 0x3F)
            }
            let shortest =
                width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800)
                || (width == 4 && value >= 0x10000)
            guard shortest else { return "invalid length of a UTF-8 sequence" }
            guard !(0xD800...0xDFFF).contains(value), value <= 0x10FFFF else { return "invalid Unicode character" }
            index += width
        }
        return nil
    }
}
