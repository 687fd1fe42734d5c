import TimeSeries

/// The samples of one series over a time span, compressed Gorilla-style: delta-of-delta timestamps and XOR'd
/// floats, bit-packed.
///
/// Encoding of the bit stream: the first timestamp as a zigzag varint and the first value as 64 raw bits; the
/// second timestamp as an unsigned varint delta; every later timestamp as the delta of deltas in one of five
/// prefix-coded widths (`0`, `10`+14, `110`+17, `1110`+20, `1111`+64 bits). Each value after the first is XOR'd
/// with its predecessor: `0` when equal; `10` + the meaningful bits when they fit the previous leading/trailing
/// zero window; `11` + 5 bits leading zeros + 6 bits length + the bits otherwise. Values round-trip bit for bit,
/// so stale markers and NaN payloads survive.
///
/// The stored form (`encoded()`) is one format byte, the sample count as a varint, then the bit stream.
/// Appends require strictly increasing timestamps; `inserting(_:)` handles out-of-order samples by re-encoding.
struct XORChunk: Sendable {
    /// The format byte of `encoded()`.
    static let formatXOR: UInt8 = 1

    private var writer: BitWriter
    /// Number of samples.
    private(set) var count: Int = 0
    /// Timestamp of the first sample (valid when `count > 0`).
    private(set) var minTime: Int64 = 0
    /// Timestamp of the last sample (valid when `count > 0`).
    private(set) var maxTime: Int64 = 0
    private var delta: Int64 = 0
    private var lastBits: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0

    /// Creates an empty chunk, reserving room for about `capacity` bytes.
    init(capacity: Int = 32) {
        writer = BitWriter(capacity: capacity)
    }

    /// Creates a chunk holding `samples`, which must be sorted by strictly increasing timestamp.
    init(samples: [Sample]) {
        self.init(capacity: samples.count * 2 + 16)
        for sample in samples { append(sample) }
    }

    /// Bytes of memory used by the bit stream.
    var byteCount: Int { writer.bytes.count }

    /// Bytes of memory reserved (for memory accounting).
    var capacity: Int { writer.bytes.capacity }

    /// Appends a sample newer than every sample in the chunk.
    mutating func append(_ sample: Sample) {
        let timestamp = sample.timestamp
        let bits = sample.value.bitPattern
        switch count {
        case 0:
            writer.writeVarint(timestamp)
            writer.writeBits(bits, count: 64)
            minTime = timestamp
        case 1:
            precondition(timestamp > maxTime, "XORChunk.append: timestamps must increase")
            delta = timestamp - maxTime
            writer.writeUVarint(UInt64(delta))
            writeValue(bits)
        default:
            precondition(timestamp > maxTime, "XORChunk.append: timestamps must increase")
            let newDelta = timestamp &- maxTime
            let dod = newDelta &- delta
            if dod == 0 {
                writer.writeBit(false)
            } else if XORChunk.fits(dod, bits: 14) {
                writer.writeBits(0b10, count: 2)
                writer.writeBits(UInt64(bitPattern: dod), count: 14)
            } else if XORChunk.fits(dod, bits: 17) {
                writer.writeBits(0b110, count: 3)
                writer.writeBits(UInt64(bitPattern: dod), count: 17)
            } else if XORChunk.fits(dod, bits: 20) {
                writer.writeBits(0b1110, count: 4)
                writer.writeBits(UInt64(bitPattern: dod), count: 20)
            } else {
                writer.writeBits(0b1111, count: 4)
                writer.writeBits(UInt64(bitPattern: dod), count: 64)
            }
            delta = newDelta
            writeValue(bits)
        }
        lastBits = bits
        maxTime = timestamp
        count += 1
    }

    private mutating func writeValue(_ bits: UInt64) {
        let xor = bits ^ lastBits
        if xor == 0 {
            writer.writeBit(false)
            return
        }
        writer.writeBit(true)
        var newLeading = UInt8(xor.leadingZeroBitCount)
        let newTrailing = UInt8(xor.trailingZeroBitCount)
        if newLeading > 31 { newLeading = 31 }
        if leading != 0xff, newLeading >= leading, newTrailing >= trailing {
            writer.writeBit(false)
            writer.writeBits(xor >> UInt64(trailing), count: 64 - Int(leading) - Int(trailing))
            return
        }
        leading = newLeading
        trailing = newTrailing
        let significant = 64 - Int(leading) - Int(trailing)
        writer.writeBit(true)
        writer.writeBits(UInt64(leading), count: 5)
        // 64 significant bits are written as 0 in six bits; 0 itself cannot occur since xor != 0.
        writer.writeBits(UInt64(significant & 63), count: 6)
        writer.writeBits(xor >> UInt64(trailing), count: significant)
    }

    private static func fits(_ value: Int64, bits: Int) -> Bool {
        let bound = Int64(1) << Int64(bits - 1)
        return value >= -bound && value < bound
    }

    /// Releases spare buffer capacity; used when a chunk is sealed and only read from then on.
    mutating func shrink() {
        writer.shrink()
    }

    /// The stored form: format byte, sample count, bit stream.
    func encoded() -> [UInt8] {
        var out: [UInt8] = [XORChunk.formatXOR]
        out.reserveCapacity(writer.bytes.count + 4)
        var rest = UInt64(count)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
        out.append(contentsOf: writer.bytes)
        return out
    }

    /// The samples, in time order.
    func samples() -> [Sample] {
        var out: [Sample] = []
        out.reserveCapacity(count)
        writer.bytes.withUnsafeBytes { raw in
            // The in-memory stream was written by this type; failing to read it back is a bug.
            do {
                var reader = BitReader(raw)
                try XORChunk.decodeStream(&reader, count: count, into: &out)
            } catch {
                preconditionFailure("XORChunk: cannot decode own stream: \(error)")
            }
        }
        return out
    }

    /// Appends the samples of this chunk with timestamps in `start...end` to `out`.
    func samples(from start: Int64, through end: Int64, into out: inout [Sample]) {
        if count == 0 || end < minTime || start > maxTime { return }
        if start <= minTime && maxTime <= end {
            out.append(contentsOf: samples())
        } else {
            out.append(contentsOf: samples().lazy.filter { $0.timestamp >= start && $0.timestamp <= end })
        }
    }

    /// A copy with `sample` merged in: inserted in time order, or replacing the value at an equal timestamp.
    func inserting(_ sample: Sample) -> XORChunk {
        var all = samples()
        var low = 0
        var high = all.count
        while low < high {
            let mid = (low + high) / 2
            if all[mid].timestamp < sample.timestamp { low = mid + 1 } else { high = mid }
        }
        if low < all.count, all[low].timestamp == sample.timestamp {
            all[low] = sample
        } else {
            all.insert(sample, at: low)
        }
        return XORChunk(samples: all)
    }

    // MARK: - Decoding

    /// Decodes a stored chunk (`encoded()`), appending its samples to `out`.
    static func decode(_ bytes: UnsafeRawBufferPointer, into out: inout [Sample]) throws(ChunkError) {
        guard let format = bytes.first else { throw .truncated }
        guard format == formatXOR else { throw .corrupt("unknown chunk format \(format)") }
        var count: UInt64 = 0
        var shift: UInt64 = 0
        var offset = 1
        while true {
            guard offset < bytes.count else { throw .truncated }
            let byte = bytes[offset]
            offset += 1
            count |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
            if shift > 28 { throw .corrupt("sample count too large") }
        }
        // Every sample takes at least one bit, so a count beyond the stream's bits is corrupt.
        guard count <= UInt64((bytes.count - offset) * 8) else { throw .corrupt("sample count exceeds data") }
        var reader = BitReader(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        out.reserveCapacity(out.count + Int(count))
        try decodeStream(&reader, count: Int(count), into: &out)
    }

    /// Decodes a stored chunk into a new array.
    static func decode(_ bytes: [UInt8]) throws(ChunkError) -> [Sample] {
        var out: [Sample] = []
        let failure = bytes.withUnsafeBytes { raw -> ChunkError? in
            do throws(ChunkError) {
                try decode(raw, into: &out)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return out
    }

    private static func decodeStream(_ reader: inout BitReader, count: Int, into out: inout [Sample]) throws(ChunkError) {
        guard count > 0 else { return }
        var timestamp = try reader.readVarint()
        var bits = try reader.readBits(64)
        out.append(Sample(timestamp: timestamp, value: Double(bitPattern: bits)))
        guard count > 1 else { return }
        let firstDelta = try reader.readUVarint()
        guard firstDelta > 0, firstDelta <= UInt64(Int64.max) else { throw .corrupt("non-increasing timestamp") }
        var delta = Int64(firstDelta)
        timestamp = try advance(timestamp, by: delta)
        var leading: UInt64 = 0
        var trailing: UInt64 = 0
        var haveWindow = false
        bits = try readValue(&reader, previous: bits, leading: &leading, trailing: &trailing, haveWindow: &haveWindow)
        out.append(Sample(timestamp: timestamp, value: Double(bitPattern: bits)))
        var index = 2
        while index < count {
            var dod: Int64
            if try !reader.readBit() {
                dod = 0
            } else if try !reader.readBit() {
                dod = signExtend(try reader.readBits(14), bits: 14)
            } else if try !reader.readBit() {
                dod = signExtend(try reader.readBits(17), bits: 17)
            } else if try !reader.readBit() {
                dod = signExtend(try reader.readBits(20), bits: 20)
            } else {
                dod = Int64(bitPattern: try reader.readBits(64))
            }
            delta = delta &+ dod
            guard delta > 0 else { throw .corrupt("non-increasing timestamp") }
            timestamp = try advance(timestamp, by: delta)
            bits = try readValue(&reader, previous: bits, leading: &leading, trailing: &trailing, haveWindow: &haveWindow)
            out.append(Sample(timestamp: timestamp, value: Double(bitPattern: bits)))
            index += 1
        }
    }

    private static func readValue(
        _ reader: inout BitReader, previous: UInt64, leading: inout UInt64, trailing: inout UInt64,
        haveWindow: inout Bool
    ) throws(ChunkError) -> UInt64 {
        if try !reader.readBit() { return previous }
        if try reader.readBit() {
            leading = try reader.readBits(5)
            var significant = try reader.readBits(6)
            if significant == 0 { significant = 64 }
            guard leading + significant <= 64 else { throw .corrupt("XOR window exceeds 64 bits") }
            trailing = 64 - leading - significant
            haveWindow = true
        } else if !haveWindow {
            throw .corrupt("XOR window reused before it was set")
        }
        let significant = Int(64 - leading - trailing)
        let xor = try reader.readBits(significant) << trailing
        return previous ^ xor
    }

    /// `timestamp + delta`; a sum beyond `Int64.max` would wrap to an earlier time, so it is corrupt.
    private static func advance(_ timestamp: Int64, by delta: Int64) throws(ChunkError) -> Int64 {
        let (sum, overflow) = timestamp.addingReportingOverflow(delta)
        guard !overflow else { throw .corrupt("timestamp overflows") }
        return sum
    }

    private static func signExtend(_ raw: UInt64, bits: Int) -> Int64 {
        let shift = UInt64(64 - bits)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }
}
