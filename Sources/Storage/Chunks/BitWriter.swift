/// Appends bits, most significant first, to a byte buffer.
struct BitWriter: Sendable {
    private(set) var bytes: [UInt8]
    /// Bits still free in the last byte (0 means the next bit starts a new byte).
    private var freeBits: UInt8 = 0

    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Resumes writing after `bytes`, whose last byte has `freeBits` unused low bits.
    init(bytes: [UInt8], freeBits: Int) {
        self.bytes = bytes
        self.freeBits = UInt8(freeBits)
    }

    /// The number of bits written.
    var bitCount: Int { bytes.count * 8 - Int(freeBits) }

    /// Unused low bits in the last byte.
    var trailingFreeBits: Int { Int(freeBits) }

    /// Starts a new byte. Grows the buffer by an eighth at a time rather than doubling it: head chunks live in
    /// memory for hours, so spare capacity costs more than the occasional copy.
    @inline(__always)
    private mutating func startByte() {
        if bytes.count == bytes.capacity {
            bytes.reserveCapacity(bytes.count + max(16, bytes.count / 8))
        }
        bytes.append(0)
        freeBits = 8
    }

    mutating func writeBit(_ bit: Bool) {
        if freeBits == 0 { startByte() }
        freeBits -= 1
        if bit { bytes[bytes.count - 1] |= 1 << freeBits }
    }

    /// Writes the low `count` bits of `value` (0...64), most significant first.
    ///
    /// Grows the buffer once by the bytes the bits need, then ORs the bits into place through a raw pointer: no
    /// per-byte bounds or uniqueness checks.
    mutating func writeBits(_ value: UInt64, count: Int) {
        guard count > 0 else { return }
        let bits = count == 64 ? value : value & ((1 << UInt64(count)) &- 1)
        var remaining = count
        var index = bytes.count &- 1
        var free = Int(freeBits)
        let newBytes = (remaining &- free &+ 7) >> 3
        if newBytes > 0 {
            if bytes.count &+ newBytes > bytes.capacity {
                bytes.reserveCapacity(bytes.count &+ max(16, bytes.count / 8, newBytes))
            }
            for _ in 0..<newBytes { bytes.append(0) }
        }
        if free == 0 {
            index &+= 1
            free = 8
        }
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while remaining > 0 {
                let take = min(free, remaining)
                remaining &-= take
                let mask = UInt8(truncatingIfNeeded: (1 << take) &- 1)
                let chunk = UInt8(truncatingIfNeeded: bits >> UInt64(remaining)) & mask
                base[index] |= chunk << UInt8(free &- take)
                free &-= take
                if free == 0, remaining > 0 {
                    index &+= 1
                    free = 8
                }
            }
        }
        freeBits = UInt8(free)
    }

    /// Writes `value` as an unsigned LEB128 varint, aligned to whole bits (not bytes).
    mutating func writeUVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            writeBits((rest & 0x7f) | 0x80, count: 8)
            rest >>= 7
        }
        writeBits(rest, count: 8)
    }

    /// Writes a signed value as a zigzag varint.
    mutating func writeVarint(_ value: Int64) {
        writeUVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Releases spare capacity (for sealed chunks kept in memory).
    mutating func shrink() {
        // `Array(bytes)` would share the same buffer; copying into a fresh, exactly reserved one releases it.
        if bytes.capacity > bytes.count + 8 {
            var copy: [UInt8] = []
            copy.reserveCapacity(bytes.count)
            copy.append(contentsOf: bytes)
            bytes = copy
        }
    }
}
