/// The protobuf wire types (protobuf.dev, "Encoding").
enum WireType: UInt8 {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case i64 = 1
    /// Strings, bytes, embedded messages, packed repeated fields.
    case len = 2
    /// Deprecated group start; never used by OTLP.
    case startGroup = 3
    /// Deprecated group end; never used by OTLP.
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case i32 = 5
}

/// A bounds-checked cursor over protobuf wire bytes.
///
/// Every read takes `end`, the end of the enclosing message, and checks the bytes it needs against it, so a nested
/// message can never read past its own length prefix. Nothing traps on any input: lengths are compared against the
/// remaining bytes before use, varints longer than 10 bytes or overflowing 64 bits are errors, and positions
/// reported in errors are byte offsets from the start of the body. The message decoders live in
/// `ProtobufReader+Common.swift` and `ProtobufReader+Metrics.swift`.
struct ProtobufReader {
    /// The whole body.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The same bytes, for unaligned little-endian loads.
    private let raw: UnsafeRawBufferPointer
    /// What the reader has built so far, checked against the limits.
    private var budget: DecodeBudget
    /// The offset of the next byte to read.
    private(set) var position = 0
    /// The offset of the tag of the field being read, which errors about a field report.
    private var fieldStart = 0
    /// Repeated strings share one instance.
    private var strings = StringInterner()

    /// Creates a reader at the start of `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, limits: OTLPDecodeLimits) {
        self.bytes = bytes
        raw = UnsafeRawBufferPointer(bytes)
        budget = DecodeBudget(limits: limits)
    }

    // MARK: - Scalars

    /// Reads a field tag and splits it into field number and wire type.
    mutating func readTag(end: Int) throws(OTLPDecodeError) -> (field: UInt32, wireType: WireType) {
        let start = position
        fieldStart = start
        let tag = try readVarint(end: end)
        guard tag <= UInt64(UInt32.max) else {
            throw OTLPDecodeError("field tag \(tag) out of range at byte \(start)")
        }
        let field = UInt32(truncatingIfNeeded: tag >> 3)
        guard field != 0 else { throw OTLPDecodeError("field number 0 at byte \(start)") }
        guard let wireType = WireType(rawValue: UInt8(truncatingIfNeeded: tag & 7)) else {
            throw OTLPDecodeError("invalid wire type \(tag & 7) for field \(field) at byte \(start)")
        }
        return (field, wireType)
    }

    /// Reads a base-128 varint of at most 10 bytes whose value fits in 64 bits.
    mutating func readVarint(end: Int) throws(OTLPDecodeError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = bytes[position]
            position &+= 1
            if shift == 63, byte > 1 {
                throw OTLPDecodeError("varint overflows 64 bits at byte \(start)")
            }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift &+= 7
        }
        throw OTLPDecodeError("truncated varint at byte \(start)")
    }

    /// Reads a varint as the 32-bit value the proto declares (int32 and enums keep the low 32 bits, as protobuf
    /// parsers do).
    mutating func readVarint32(end: Int) throws(OTLPDecodeError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readVarint(end: end))
    }

    /// Reads a ZigZag-encoded `sint32`.
    mutating func readSInt32(end: Int) throws(OTLPDecodeError) -> Int32 {
        let value = UInt32(truncatingIfNeeded: try readVarint(end: end))
        return Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Reads 8 little-endian bytes (fixed64, sfixed64, double).
    mutating func readFixed64(field: UInt32, end: Int) throws(OTLPDecodeError) -> UInt64 {
        guard end &- position >= 8 else {
            throw OTLPDecodeError("truncated fixed64 field \(field) at byte \(fieldStart)")
        }
        let value = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position &+= 8
        return UInt64(littleEndian: value)
    }

    /// Reads a double (8 little-endian bytes).
    mutating func readDouble(field: UInt32, end: Int) throws(OTLPDecodeError) -> Double {
        Double(bitPattern: try readFixed64(field: field, end: end))
    }

    /// Reads a length prefix and returns the end offset of the length-delimited payload that follows.
    mutating func readLength(field: UInt32, end: Int) throws(OTLPDecodeError) -> Int {
        let length = try readVarint(end: end)
        guard length <= UInt64(end &- position) else {
            throw OTLPDecodeError(
                "truncated length-delimited field \(field) at byte \(fieldStart): \(length) bytes declared, "
                    + "\(end &- position) left")
        }
        return position &+ Int(length)
    }

    /// Reads a UTF-8 string field.
    mutating func readString(field: UInt32, end: Int) throws(OTLPDecodeError) -> String {
        let stringEnd = try readLength(field: field, end: end)
        let start = position
        position = stringEnd
        if start == stringEnd { return "" }
        guard let string = strings.string(UnsafeBufferPointer(rebasing: bytes[start..<stringEnd])) else {
            throw OTLPDecodeError("invalid UTF-8 in string field \(field) at byte \(fieldStart)")
        }
        return string
    }

    /// Reads a bytes field.
    mutating func readBytes(field: UInt32, end: Int) throws(OTLPDecodeError) -> [UInt8] {
        let bytesEnd = try readLength(field: field, end: end)
        let start = position
        position = bytesEnd
        return Array(bytes[start..<bytesEnd])
    }

    /// Skips one field of any wire type except the deprecated groups, which OTLP never uses and are rejected.
    mutating func skipField(_ field: UInt32, wireType: WireType, end: Int) throws(OTLPDecodeError) {
        switch wireType {
        case .varint:
            _ = try readVarint(end: end)
        case .i64:
            _ = try readFixed64(field: field, end: end)
        case .len:
            position = try readLength(field: field, end: end)
        case .i32:
            guard end &- position >= 4 else {
                throw OTLPDecodeError("truncated fixed32 field \(field) at byte \(fieldStart)")
            }
            position &+= 4
        case .startGroup, .endGroup:
            throw OTLPDecodeError(
                "unsupported group wire type \(wireType.rawValue) for field \(field) at byte "
                    + "\(fieldStart); OTLP does not use groups")
        }
    }

    // MARK: - Packed repeated fields

    /// Appends the elements of a packed `fixed64` field.
    mutating func readPackedFixed64(field: UInt32, end: Int, into values: inout [UInt64]) throws(OTLPDecodeError) {
        let packedEnd = try readLength(field: field, end: end)
        let length = packedEnd &- position
        guard length % 8 == 0 else {
            throw OTLPDecodeError(
                "packed fixed64 field \(field) at byte \(fieldStart) has length \(length), "
                    + "not a multiple of 8")
        }
        values.reserveCapacity(values.count &+ length / 8)
        while position < packedEnd { values.append(try readFixed64(field: field, end: packedEnd)) }
    }

    /// Appends the elements of a packed `double` field.
    mutating func readPackedDouble(field: UInt32, end: Int, into values: inout [Double]) throws(OTLPDecodeError) {
        let packedEnd = try readLength(field: field, end: end)
        let length = packedEnd &- position
        guard length % 8 == 0 else {
            throw OTLPDecodeError(
                "packed double field \(field) at byte \(fieldStart) has length \(length), "
                    + "not a multiple of 8")
        }
        values.reserveCapacity(values.count &+ length / 8)
        while position < packedEnd { values.append(try readDouble(field: field, end: packedEnd)) }
    }

    /// Appends the elements of a packed varint (`uint64`) field.
    mutating func readPackedVarint(field: UInt32, end: Int, into values: inout [UInt64]) throws(OTLPDecodeError) {
        let packedEnd = try readLength(field: field, end: end)
        while position < packedEnd { values.append(try readVarint(end: packedEnd)) }
    }

    // MARK: - Limits

    /// Throws when a message at `depth` would nest deeper than allowed.
    func checkDepth(_ depth: Int) throws(OTLPDecodeError) {
        try budget.checkDepth(depth, at: position)
    }

    /// Counts one more data point against the request's limit.
    mutating func countDataPoint() throws(OTLPDecodeError) {
        try budget.countDataPoint()
    }

    /// Takes back `count` data points counted by a pass whose work is being redone.
    mutating func uncountDataPoints(_ count: Int) {
        budget.uncountDataPoints(count)
    }

    /// Moves the cursor to `offset` (a position this reader already passed or a range it measured).
    mutating func seek(to offset: Int) {
        position = offset
    }

    /// Counts one more metric against the request's limit.
    mutating func countMetric() throws(OTLPDecodeError) {
        try budget.countMetric()
    }

    /// Throws when an attribute list already holds the most attributes allowed.
    func checkAttributeCount(_ count: Int) throws(OTLPDecodeError) {
        try budget.checkAttributeCount(count, at: position)
    }
}
