/// A chunk held in memory: the open chunk a series appends to, or a sealed one waiting to be written to disk.
struct HeadChunk: Sendable {
    var chunk: SampleChunk
    /// The oldest log row holding one of its samples; the log can be trimmed below the minimum over all head chunks.
    var minLogID: Int64
    /// Sealed chunks take no more in-order appends (out-of-order inserts still re-encode them).
    var sealed: Bool
}
