/// Where a group's evaluations fall in time (Prometheus's `Group.EvalTimestamp`).
///
/// Each group is evaluated at `offset + k * interval`, with an offset derived from the group's file and name so groups
/// with the same interval spread out instead of all running at once. Prometheus takes the xxhash of the label set
/// `{file, name}`; any stable hash does, and leakwatch uses FNV-1a 64 over the UTF-8 bytes of the file path, a 0xFF
/// byte and the group name (stable across restarts and machines).
enum RuleGroupSlot {
    /// The group's offset within its interval, ms.
    static func offset(file: String, name: String, interval: Int64) -> Int64 {
        guard interval > 0 else { return 0 }
        var hash: UInt64 = 14_695_981_039_346_656_037
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        for byte in file.utf8 { mix(byte) }
        mix(0xFF)
        for byte in name.utf8 { mix(byte) }
        return Int64(hash % UInt64(interval))
    }

    /// The group's most recent slot at or before `now` (ms).
    static func timestamp(before now: Int64, offset: Int64, interval: Int64) -> Int64 {
        let adjusted = now - offset
        return adjusted - adjusted % interval + offset
    }
}
