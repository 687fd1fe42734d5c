import TimeSeries

/// The durable log's row format: the samples accepted by one group commit, in the order they were applied.
///
/// Layout: a format byte (1), then runs of `series id (uvarint)`, `sample count (uvarint)` and per sample the
/// timestamp as a zigzag varint delta from the previous timestamp in the record and the value's 8 raw bytes
/// (little-endian), so replay restores values bit for bit and repeated timestamps resolve as they did live.
struct LogRecordWriter {
    static let format: UInt8 = 1

    private var writer: ByteWriter
    private var previousTimestamp: Int64 = 0
    private(set) var sampleCount = 0

    init(capacity: Int) {
        writer = ByteWriter(capacity: capacity)
        writer.write(LogRecordWriter.format)
    }

    var bytes: [UInt8] { writer.bytes }

    /// Starts a run of `count` samples of one series.
    mutating func beginRun(series id: PostingsIndex.ID, count: Int) {
        writer.writeUVarint(UInt64(id))
        writer.writeUVarint(UInt64(count))
    }

    mutating func add(_ sample: Sample) {
        writer.writeVarint(sample.timestamp &- previousTimestamp)
        previousTimestamp = sample.timestamp
        writer.writeUInt64(sample.value.bitPattern)
        sampleCount += 1
    }
}

/// Reads a log row written by `LogRecordWriter`, calling `body` for each run.
enum LogRecordReader {
    static func forEachRun(
        _ bytes: UnsafeRawBufferPointer,
        _ body: (PostingsIndex.ID, [Sample]) throws(StoreError) -> Void
    ) throws(StoreError) {
        var reader = ByteReader(bytes)
        let format = try reader.readByte()
        guard format == LogRecordWriter.format else {
            throw StoreError(.corrupt, "unknown log record format \(format)")
        }
        var previous: Int64 = 0
        var samples: [Sample] = []
        while !reader.isAtEnd {
            let id = try reader.readUVarint()
            let count = try reader.readUVarint()
            guard id <= UInt64(UInt32.max), count <= UInt64(bytes.count) else {
                throw StoreError(.corrupt, "log run header out of range")
            }
            samples.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                previous = previous &+ (try reader.readVarint())
                samples.append(Sample(timestamp: previous, value: Double(bitPattern: try reader.readUInt64())))
            }
            try body(PostingsIndex.ID(id), samples)
        }
    }
}
