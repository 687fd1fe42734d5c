/// A snapshot of the store's size, for `/metrics`, logs and benchmarks.
public struct StoreStatistics: Sendable, Hashable {
    /// Series known to the index (in memory or only on disk).
    public var series: Int
    /// Series with samples in the in-memory head.
    public var activeSeries: Int
    /// Chunks held in memory.
    public var headChunks: Int
    /// Samples held in memory.
    public var headSamples: Int
    /// Bytes of compressed sample data held in memory.
    public var headChunkBytes: Int
    /// Newest sample timestamp (ms), or nil when empty.
    public var maxTime: Int64?
}
