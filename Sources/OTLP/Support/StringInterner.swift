/// Reuses one `String` for byte sequences that repeat within a request (attribute keys, label-like values, metric
/// names), so each distinct long string is validated and allocated once. Strings of up to 15 bytes are stored inline
/// by Swift and are not worth interning.
struct StringInterner {
    private static let slotCount = 256
    /// A direct-mapped cache indexed by hash; a collision simply replaces the older entry.
    private var slots: [String?] = []

    /// The string spelled by `bytes`, or nil when they are not well-formed UTF-8.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 15 else { return UTF8Validation.string(bytes) }
        // FNV-1a over the bytes.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (StringInterner.slotCount &- 1)
        if slots.isEmpty { slots = Array(repeating: nil, count: StringInterner.slotCount) }
        if var cached = slots[slot] {
            let equal = cached.withUTF8 { $0.count == bytes.count && $0.elementsEqual(bytes) }
            if equal { return cached }
        }
        guard let string = UTF8Validation.string(bytes) else { return nil }
        slots[slot] = string
        return string
    }
}
