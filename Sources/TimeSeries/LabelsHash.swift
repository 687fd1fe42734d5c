/// The hash of a label set: a seeded multiply-xorshift over the UTF-8 bytes of every name and value.
///
/// Several times faster than `Hasher` for the short strings labels are made of, which matters because every ingested
/// data point builds one label set. The seed is random per process, so collisions cannot be precomputed by a sender.
enum LabelsHash {
    private static let seed = UInt64.random(in: .min ... .max)
    private static let multiplier: UInt64 = 0x9e37_79b9_7f4a_7c15

    static func hash(_ labels: [Label]) -> Int {
        var state = seed ^ UInt64(labels.count)
        for label in labels {
            state = mix(state, label.name)
            state = mix(state ^ 0xff, label.value)
        }
        state ^= state >> 29
        state = state &* 0xbf58_476d_1ce4_e5b9
        state ^= state >> 32
        return Int(truncatingIfNeeded: state)
    }

    @inline(__always)
    private static func mix(_ start: UInt64, _ string: String) -> UInt64 {
        if let result = string.utf8.withContiguousStorageIfAvailable({ mix(start, UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(string.utf8).withUnsafeBytes { mix(start, $0) }
    }

    @inline(__always)
    private static func mix(_ start: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = start
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = (state ^ word) &* multiplier
            state ^= state >> 31
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        state = (state ^ tail ^ (UInt64(bytes.count) << 56)) &* multiplier
        return state ^ (state >> 29)
    }

    /// Whether two strings have the same UTF-8 bytes.
    @inline(__always)
    static func bytesEqual(_ left: String, _ right: String) -> Bool {
        let result = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.count == 0
                        || memcmpEqual(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count))
            }
        }
        if let result, let answer = result { return answer }
        return left.utf8.elementsEqual(right.utf8)
    }

    @inline(__always)
    private static func memcmpEqual(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if left == right { return true }
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(left + index).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(right + index).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < count {
            if left[index] != right[index] { return false }
            index += 1
        }
        return true
    }
}
