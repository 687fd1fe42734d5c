import Notify

/// Encodes request headers as bytes for the outbox's `headers` column, keeping order and exact bytes: per header,
/// a 4-byte big-endian length and the UTF-8 name, then the same for the value.
enum OutboxHeaderCodec {
    /// The encoded form of `headers`.
    static func encode(_ headers: [HTTPHeaderField]) -> [UInt8] {
        var bytes: [UInt8] = []
        for header in headers {
            append(header.name, to: &bytes)
            append(header.value, to: &bytes)
        }
        return bytes
    }

    /// The headers in `bytes`, or nil when the bytes are not an encoding made by `encode(_:)`.
    static func decode(_ bytes: [UInt8]) -> [HTTPHeaderField]? {
        var headers: [HTTPHeaderField] = []
        var offset = 0
        while offset < bytes.count {
            guard let name = string(in: bytes, at: &offset), let value = string(in: bytes, at: &offset) else {
                return nil
            }
            headers.append(HTTPHeaderField(name, value))
        }
        return headers
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        let length = UInt32(utf8.count)
        bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
        bytes.append(contentsOf: utf8)
    }

    private static func string(in bytes: [UInt8], at offset: inout Int) -> String? {
        guard bytes.count - offset >= 4 else { return nil }
        let length = bytes[offset..<offset + 4].reduce(0) { Int($0) << 8 | Int($1) }
        offset += 4
        guard bytes.count - offset >= length else { return nil }
        let text = String(validating: bytes[offset..<offset + length], as: UTF8.self)
        offset += length
        return text
    }
}
