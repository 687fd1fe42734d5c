import TimeSeries

/// The samples of one series over a time span, compressed Gorilla-style and bit-packed.
///
/// Timestamps: the first as a zigzag varint, the second as an unsigned varint delta, every later one as the delta
/// of deltas in one of five prefix-coded widths (`0`, `10`+14, `110`+17, `1110`+20, `1111`+64 bits).
///
/// Values use one of two encodings, chosen by the chunk's first value and recorded in its format byte:
/// - `xor` (format 1), for fractional values: the first value as 64 raw bits, then each value XOR'd with its
///   predecessor: `0` when equal; `10` + the meaningful bits when they fit the previous leading/trailing-zero
///   window; `11` + 5 bits leading zeros + 6 bits length + the bits otherwise.
/// - `integer` (format 2), for values that are exact integers (byte counts, object counts, page-sized memory
///   readings): the first value as a zigzag varint, then per value `0` when its delta from the previous integer
///   repeats the previous delta (constant values, steady counters), `110` for a zero delta, `10` + sign + the
///   delta's magnitude in a leading/trailing-zero window (`0` + bits to reuse the window, `1` + 6 bits leading
///   zeros + 6 bits length + bits for a new one), or `111` + 64 raw bits for a value that is not an exact integer
///   (a stale marker, NaN, a fraction). Noisy memory gauges take about half the bits XOR needs, because the
///   noise sits in the delta's low bits instead of spreading across the mantissa.
///
/// Both round-trip every value bit for bit, so stale markers, NaN payloads and -0 survive. The stored form
/// (`encoded()`) is the format byte, the sample count as a varint, then the bit stream. Appends require strictly
/// increasing timestamps; `inserting(_:)` handles out-of-order samples by re-encoding.
struct SampleChunk: Sendable {
    /// How values are encoded; the raw value is the stored format byte.
    enum Encoding: UInt8, Sendable {
        case xor = 1
        case integer = 2
    }

    /// The format byte of an `xor` chunk (and of an empty chunk).
    static let formatXOR: UInt8 = Encoding.xor.rawValue
    /// The format byte of an `integer` chunk.
    static let formatInteger: UInt8 = Encoding.integer.rawValue
    /// Largest magnitude at which every integer is exactly representable as a Double.
    private static let exactIntegerLimit: Int64 = 1 << 53

    // Fields ordered widest first so the struct packs into 72 bytes; thousands of series each hold one or two.
    /// Timestamp of the first sample (valid when `count > 0`).
    private(set) var minTime: Int64 = 0
    /// Timestamp of the last sample (valid when `count > 0`).
    private(set) var maxTime: Int64 = 0
    private var delta: Int64 = 0
    /// xor: the previous value's bits. integer: the previous integer value and delta.
    private var lastBits: UInt64 = 0
    private var lastInteger: Int64 = 0
    private var lastIntegerDelta: Int64 = 0
    private var writer: BitWriter
    private var sampleCount: UInt32 = 0
    /// The value encoding, fixed by the first sample.
    private(set) var encoding: Encoding = .xor
    /// The current leading/trailing-zero window (0xff: none yet).
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0

    /// Number of samples.
    var count: Int { Int(sampleCount) }

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
            if let integer = SampleChunk.exactInteger(sample.value) {
                encoding = .integer
                writer.writeVarint(integer)
                lastInteger = integer
            } else {
                writer.writeBits(bits, count: 64)
            }
            minTime = timestamp
        case 1:
            precondition(timestamp > maxTime, "SampleChunk.append: timestamps must increase")
            delta = timestamp &- maxTime
            writer.writeUVarint(UInt64(delta))
            writeValue(sample.value)
        default:
            precondition(timestamp > maxTime, "SampleChunk.append: timestamps must increase")
            let newDelta = timestamp &- maxTime
            let dod = newDelta &- delta
            if dod == 0 {
                writer.writeBit(false)
            } else if SampleChunk.fits(dod, bits: 14) {
                writer.writeBits(0b10, count: 2)
                writer.writeBits(UInt64(bitPattern: dod), count: 14)
            } else if SampleChunk.fits(dod, bits: 17) {
                writer.writeBits(0b110, count: 3)
                writer.writeBits(UInt64(bitPattern: dod), count: 17)
            } else if SampleChunk.fits(dod, bits: 20) {
                writer.writeBits(0b1110, count: 4)
                writer.writeBits(UInt64(bitPattern: dod), count: 20)
            } else {
                writer.writeBits(0b1111, count: 4)
                writer.writeBits(UInt64(bitPattern: dod), count: 64)
            }
            delta = newDelta
            writeValue(sample.value)
        }
        lastBits = bits
        maxTime = timestamp
        sampleCount += 1
    }

    private mutating func writeValue(_ value: Double) {
        switch encoding {
        case .xor: writeXOR(value.bitPattern)
        case .integer: writeInteger(value)
        }
    }

    /// The value as an Int64 when converting back gives the identical bits (so not -0, not a fraction, not NaN).
    static func exactInteger(_ value: Double) -> Int64? {
        guard value.isFinite, value.magnitude <= Double(exactIntegerLimit) else { return nil }
        let integer = Int64(value)
        return Double(integer).bitPattern == value.bitPattern ? integer : nil
    }

    private mutating func writeInteger(_ value: Double) {
        guard let integer = SampleChunk.exactInteger(value) else {
            writer.writeBits(0b111, count: 3)
            writer.writeBits(value.bitPattern, count: 64)
            return
        }
        let change = integer - lastInteger  // both within ±2^53: no overflow
        defer {
            lastInteger = integer
            lastIntegerDelta = change
        }
        if change == lastIntegerDelta {
            writer.writeBit(false)
            return
        }
        if change == 0 {
            writer.writeBits(0b110, count: 3)
            return
        }
        writer.writeBits(0b10, count: 2)
        writer.writeBit(change < 0)
        writeWindowed(change.magnitude, leadingBits: 6)
    }

    /// Writes non-zero `bits` in the leading/trailing-zero window: `0` + the window's bits when they fit the current
    /// window, else `1` + the leading-zero count in `leadingBits` bits (capped to fit) + 6 bits of length (64 as 0)
    /// + the meaningful bits, which becomes the new window.
    private mutating func writeWindowed(_ bits: UInt64, leadingBits: Int) {
        let newLeading = UInt8(min(bits.leadingZeroBitCount, (1 << leadingBits) - 1))
        let newTrailing = UInt8(bits.trailingZeroBitCount)
        if leading != 0xff, newLeading >= leading, newTrailing >= trailing {
            writer.writeBit(false)
            writer.writeBits(bits >> UInt64(trailing), count: 64 - Int(leading) - Int(trailing))
            return
        }
        leading = newLeading
        trailing = newTrailing
        let significant = 64 - Int(leading) - Int(trailing)
        writer.writeBit(true)
        writer.writeBits(UInt64(leading), count: leadingBits)
        writer.writeBits(UInt64(significant & 63), count: 6)
        writer.writeBits(bits >> UInt64(trailing), count: significant)
    }

    private mutating func writeXOR(_ bits: UInt64) {
        let xor = bits ^ lastBits
        if xor == 0 {
            writer.writeBit(false)
            return
        }
        writer.writeBit(true)
        writeWindowed(xor, leadingBits: 5)
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
        var out: [UInt8] = [count == 0 ? SampleChunk.formatXOR : encoding.rawValue]
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
        samples(from: .min, through: .max, into: &out)
        return out
    }

    /// Appends the samples of this chunk with timestamps in `start...end` to `out`, decoding no further than `end`.
    func samples(from start: Int64, through end: Int64, into out: inout [Sample]) {
        if count == 0 || end < minTime || start > maxTime { return }
        let base = out.count
        out.reserveCapacity(base + count)
        writer.bytes.withUnsafeBytes { raw in
            do {
                var reader = BitReader(raw)
                try SampleChunk.decodeStream(&reader, count: count, encoding: encoding, through: end, into: &out)
            } catch {
                preconditionFailure("SampleChunk: cannot decode own stream: \(error)")
            }
        }
        if out.count > base, out[out.count - 1].timestamp > end { out.removeLast() }  // the first sample, if late
        if start > minTime {
            var first = base
            while first < out.count, out[first].timestamp < start { first += 1 }
            out.removeSubrange(base..<first)
        }
    }

    /// A copy with `sample` merged in: inserted in time order, or replacing the value at an equal timestamp.
    func inserting(_ sample: Sample) -> SampleChunk {
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
        return SampleChunk(samples: all)
    }

    // MARK: - Decoding

    /// Decodes a stored chunk (`encoded()`), appending its samples to `out`.
    ///
    /// - Parameter end: decoding stops at the first sample after this time (the rest is never read).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, into out: inout [Sample], through end: Int64 = .max
    ) throws(ChunkError) {
        guard let format = bytes.first else { throw .truncated }
        guard let encoding = Encoding(rawValue: format) else { throw .corrupt("unknown chunk format \(format)") }
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
        try decodeStream(&reader, count: Int(count), encoding: encoding, through: end, into: &out)
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

    private static func decodeStream(
        _ reader: inout BitReader, count: Int, encoding: Encoding, through end: Int64, into out: inout [Sample]
    ) throws(ChunkError) {
        guard count > 0 else { return }
        var timestamp = try reader.readVarint()
        var values = ValueDecoder(encoding: encoding)
        out.append(Sample(timestamp: timestamp, value: try values.first(&reader)))
        guard count > 1 else { return }
        let firstDelta = try reader.readUVarint()
        guard firstDelta > 0, firstDelta <= UInt64(Int64.max) else { throw .corrupt("non-increasing timestamp") }
        var delta = Int64(firstDelta)
        timestamp = try advance(timestamp, by: delta)
        guard timestamp <= end else { return }
        out.append(Sample(timestamp: timestamp, value: try values.next(&reader)))
        var index = 2
        while index < count {
            // One look at the next four bits decides the prefix: 0, 10, 110, 1110 or 1111.
            let dod: Int64
            switch reader.peekBits(4) {
            case 0b0000...0b0111:
                try reader.skip(1)
                dod = 0
            case 0b1000...0b1011:
                try reader.skip(2)
                dod = signExtend(try reader.readBits(14), bits: 14)
            case 0b1100...0b1101:
                try reader.skip(3)
                dod = signExtend(try reader.readBits(17), bits: 17)
            case 0b1110:
                try reader.skip(4)
                dod = signExtend(try reader.readBits(20), bits: 20)
            default:
                try reader.skip(4)
                dod = Int64(bitPattern: try reader.readBits(64))
            }
            delta = delta &+ dod
            guard delta > 0 else { throw .corrupt("non-increasing timestamp") }
            timestamp = try advance(timestamp, by: delta)
            guard timestamp <= end else { return }
            out.append(Sample(timestamp: timestamp, value: try values.next(&reader)))
            index += 1
        }
    }

    /// Decoder state for the value stream of either encoding.
    private struct ValueDecoder {
        let encoding: Encoding
        var bits: UInt64 = 0
        var integer: Int64 = 0
        var integerDelta: Int64 = 0
        var leading: UInt64 = 0
        var trailing: UInt64 = 0
        var haveWindow = false

        init(encoding: Encoding) {
            self.encoding = encoding
        }

        mutating func first(_ reader: inout BitReader) throws(ChunkError) -> Double {
            switch encoding {
            case .xor:
                bits = try reader.readBits(64)
                return Double(bitPattern: bits)
            case .integer:
                integer = try reader.readVarint()
                guard integer.magnitude <= UInt64(SampleChunk.exactIntegerLimit) else {
                    throw .corrupt("integer value out of range")
                }
                return Double(integer)
            }
        }

        mutating func next(_ reader: inout BitReader) throws(ChunkError) -> Double {
            switch encoding {
            case .xor:
                if try reader.readBit() { bits ^= try readWindowed(&reader, leadingBits: 5, what: "XOR") }
                return Double(bitPattern: bits)
            case .integer:
                return try nextInteger(&reader)
            }
        }

        /// Reads bits written by `writeWindowed`: `0` + bits in the current window, or `1` + leading zeros in
        /// `leadingBits` bits + 6 bits of length (0 meaning 64) + bits, which becomes the window.
        private mutating func readWindowed(
            _ reader: inout BitReader, leadingBits: Int, what: String
        ) throws(ChunkError) -> UInt64 {
            if try reader.readBit() {
                leading = try reader.readBits(leadingBits)
                var significant = try reader.readBits(6)
                if significant == 0 { significant = 64 }
                guard leading + significant <= 64 else { throw .corrupt("\(what) window exceeds 64 bits") }
                trailing = 64 - leading - significant
                haveWindow = true
            } else if !haveWindow {
                throw .corrupt("\(what) window reused before it was set")
            }
            return try reader.readBits(Int(64 - leading - trailing)) << trailing
        }

        private mutating func nextInteger(_ reader: inout BitReader) throws(ChunkError) -> Double {
            let prefix = reader.peekBits(3)
            if prefix < 0b100 {
                try reader.skip(1)  // `0`: the previous delta repeats
            } else if prefix < 0b110 {
                try reader.skip(2)
                let negative = try reader.readBit()
                let magnitude = try readWindowed(&reader, leadingBits: 6, what: "delta")
                guard magnitude <= UInt64(SampleChunk.exactIntegerLimit) * 2 else {
                    throw .corrupt("delta out of range")
                }
                integerDelta = negative ? -Int64(magnitude) : Int64(magnitude)
            } else if prefix == 0b110 {
                try reader.skip(3)
                integerDelta = 0
            } else {
                try reader.skip(3)
                return Double(bitPattern: try reader.readBits(64))
            }
            integer = integer &+ integerDelta
            guard integer.magnitude <= UInt64(SampleChunk.exactIntegerLimit) else {
                throw .corrupt("integer value out of range")
            }
            return Double(integer)
        }
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
