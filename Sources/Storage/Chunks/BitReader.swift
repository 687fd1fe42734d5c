/// Reads bits, most significant first, from a byte buffer; every read is bounds-checked.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    private var position: Int = 0  // in bits
    private let limit: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        limit = bytes.count * 8
    }

    var bitsLeft: Int { limit - position }

    mutating func readBit() throws(ChunkError) -> Bool {
        guard position < limit else { throw .truncated }
        let byte = bytes[position >> 3]
        let bit = (byte >> UInt8(7 - (position & 7))) & 1
        position += 1
        return bit == 1
    }

    /// Reads `count` bits (0...64) as the low bits of the result.
    mutating func readBits(_ count: Int) throws(ChunkError) -> UInt64 {
        guard count <= limit - position else { throw .truncated }
        var result: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let offset = position & 7
            let available = 8 - offset
            let take = min(available, remaining)
            let byte = UInt64(bytes[position >> 3])
            let chunk = (byte >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            result = (result << UInt64(take)) | chunk
            position += take
            remaining -= take
        }
        return result
    }

    mutating func readUVarint() throws(ChunkError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readBits(8)
            if shift == 63, byte > 1 { throw .corrupt("varint overflows 64 bits") }
            result |= (byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .corrupt("varint longer than 10 bytes") }
        }
    }

    mutating func readVarint() throws(ChunkError) -> Int64 {
        let raw = try readUVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }
}
