/// Writes protobuf wire format by hand, for payloads no SDK would produce (unpacked fields, unknown fields, groups,
/// truncations).
struct WireBuilder {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    mutating func tag(_ field: UInt32, _ wireType: UInt8) {
        varint(UInt64(field) << 3 | UInt64(wireType))
    }

    mutating func varintField(_ field: UInt32, _ value: UInt64) {
        tag(field, 0)
        varint(value)
    }

    mutating func sint32Field(_ field: UInt32, _ value: Int32) {
        tag(field, 0)
        varint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    mutating func fixed64Field(_ field: UInt32, _ value: UInt64) {
        tag(field, 1)
        fixed64(value)
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func doubleField(_ field: UInt32, _ value: Double) {
        fixed64Field(field, value.bitPattern)
    }

    mutating func fixed32Field(_ field: UInt32, _ value: UInt32) {
        tag(field, 5)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func bytesField(_ field: UInt32, _ value: [UInt8]) {
        tag(field, 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func stringField(_ field: UInt32, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    /// A length-delimited sub-message.
    mutating func message(_ field: UInt32, _ body: (inout WireBuilder) -> Void) {
        var inner = WireBuilder()
        body(&inner)
        bytesField(field, inner.bytes)
    }

    /// One unknown field of every wire type except groups, with field numbers no OTLP message uses.
    mutating func unknownFields() {
        varintField(900, 0xFFFF_FFFF_FFFF_FFFF)
        fixed64Field(901, 0x0123_4567_89AB_CDEF)
        bytesField(902, [0x0A, 0x02, 0x08, 0x01, 0xFF])
        fixed32Field(903, 0xDEAD_BEEF)
        message(904) { $0.stringField(1, "nested unknown") }
    }
}
