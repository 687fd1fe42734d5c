/// Reads bits, most significant first, from a byte buffer; every read is bounds-checked.
///
/// Reads load up to eight bytes at once, so decoding costs a few instructions per field rather than per bit.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    private var position: Int = 0  // in bits
    private let limit: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        limit = bytes.count * 8
    }

    var bitsLeft: Int { limit - position }

    /// Eight bytes from `index`, big-endian, zero-padded past the end.
    @inline(__always)
    private func word(at index: Int) -> UInt64 {
        if index + 8 <= bytes.count {
            return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        }
        var value: UInt64 = 0
        for offset in 0..<8 {
            value <<= 8
            if index + offset < bytes.count { value |= UInt64(bytes[index + offset]) }
        }
        return value
    }

    @inline(__always)
    mutating func readBit() throws(ChunkError) -> Bool {
        guard position < limit else { throw .truncated }
        let byte = bytes[position >> 3]
        let bit = (byte >> UInt8(7 - (position & 7))) & 1
        position += 1
        return bit == 1
    }

    /// The next `count` bits (1...56) without consuming them; bits past the end read as zero.
    @inline(__always)
    func peekBits(_ count: Int) -> UInt64 {
        guard position < limit else { return 0 }
        return (word(at: position >> 3) << UInt64(position & 7)) >> UInt64(64 - count)
    }

    /// Consumes `count` bits already inspected with `peekBits`.
    @inline(__always)
    mutating func skip(_ count: Int) throws(ChunkError) {
        guard count <= limit - position else { throw .truncated }
        position += count
    }

    /// Reads `count` bits (0...64) as the low bits of the result.
    @inline(__always)
    mutating func readBits(_ count: Int) throws(ChunkError) -> UInt64 {
        guard count <= limit - position else { throw .truncated }
        if count == 0 { return 0 }
        if count > 56 {
            // One unaligned word holds at least 57 useful bits; split wider reads.
            let high = try readBits(count - 32)
            let low = try readBits(32)
            return high << 32 | low
        }
        let value = word(at: position >> 3) << UInt64(position & 7)
        position += count
        return value >> UInt64(64 - count)
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
