/// The deterministic content of crash-test batch `n`, shared by the child and the test that checks it.
public enum CrashBatch {
    /// Batch n's timestamp: one second apart.
    public static func timestamp(_ batch: Int) -> Int64 {
        Int64(batch) * 1_000
    }

    /// A value whose bits vary irregularly, so XOR compression takes every branch; every 17th is a stale marker.
    public static func value(batch: Int, series: Int) -> Double {
        if (batch + series) % 17 == 0 { return Double(bitPattern: 0x7ff0_0000_0000_0002) }
        var mixed = UInt64(truncatingIfNeeded: batch &* 1_000_003 &+ series &* 7_919)
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        return Double(mixed % 1_000_000) / 8 + Double(batch)
    }
}
