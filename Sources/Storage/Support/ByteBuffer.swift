/// Appends little-endian integers and varints to a byte array (log records, label sets).
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func writeUVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func writeVarint(_ value: Int64) {
        writeUVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func writeUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func writeString(_ value: String) {
        writeUVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what `ByteWriter` wrote, checking every length against the buffer.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func readByte() throws(StoreError) -> UInt8 {
        guard offset < bytes.count else { throw StoreError(.corrupt, "record truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUVarint() throws(StoreError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw StoreError(.corrupt, "varint too long") }
        }
    }

    mutating func readVarint() throws(StoreError) -> Int64 {
        let raw = try readUVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func readUInt64() throws(StoreError) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw StoreError(.corrupt, "record truncated") }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))
        }
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func readString() throws(StoreError) -> String {
        let length = try readUVarint()
        guard length <= UInt64(bytes.count - offset) else { throw StoreError(.corrupt, "string length exceeds record") }
        let end = offset + Int(length)
        defer { offset = end }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }
}
