/// A fast 64-bit hash of byte strings for `TranslationCache` keys: eight bytes per step, then a full avalanche.
///
/// Not a defence against chosen collisions; the cache compares the bytes of every hit, so a collision costs a miss,
/// never a wrong answer.
enum ByteHash {
    /// The hash of `bytes`, mixed with `seed`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        var index = 0
        while count &- index >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 31
            index &+= 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift &+= 8
                index &+= 1
            }
            state = (state ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        return mix(state)
    }

    /// Whether two byte strings are equal, compared eight bytes at a time.
    static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = left.count
        guard count == right.count else { return false }
        let leftRaw = UnsafeRawBufferPointer(left)
        let rightRaw = UnsafeRawBufferPointer(right)
        var index = 0
        while count &- index >= 8 {
            guard
                leftRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == rightRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index &+= 8
        }
        while index < count {
            guard left[index] == right[index] else { return false }
            index &+= 1
        }
        return true
    }

    /// The splitmix64 finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
