/// A minimal protobuf encoder for the response messages and `OTLPRequestBuilder`.
struct ProtobufWriter {
    /// The encoded bytes.
    private(set) var bytes: [UInt8] = []

    /// Appends a base-128 varint.
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Appends a varint field (wire type 0).
    mutating func writeVarintField(_ field: UInt32, _ value: UInt64) {
        writeVarint(UInt64(field) << 3)
        writeVarint(value)
    }

    /// Appends a fixed64 field (wire type 1), 8 bytes little-endian.
    mutating func writeFixed64Field(_ field: UInt32, _ value: UInt64) {
        writeVarint(UInt64(field) << 3 | 1)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a length-delimited field (wire type 2).
    mutating func writeBytesField(_ field: UInt32, _ value: [UInt8]) {
        writeVarint(UInt64(field) << 3 | 2)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a string field.
    mutating func writeStringField(_ field: UInt32, _ value: String) {
        writeBytesField(field, Array(value.utf8))
    }
}
