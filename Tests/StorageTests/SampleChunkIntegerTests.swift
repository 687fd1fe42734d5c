import TestSupport
import Testing
import TimeSeries

@testable import Storage

/// The integer value encoding: chosen for chunks whose first value is an exact integer, bit-exact for every value
/// that follows (fractions, NaN, stale markers and -0 included), and smaller than XOR for noisy memory gauges.
struct SampleChunkIntegerTests {
    private static func roundTrip(_ values: [Double], step: Int64 = 60_000, _ context: String) {
        let samples = values.enumerated().map {
            Sample(timestamp: 1_700_000_000_000 + Int64($0.offset) * step, value: $0.element)
        }
        let chunk = SampleChunk(samples: samples)
        #expect(chunk.samples() == samples, "\(context)")
        #expect((try? SampleChunk.decode(chunk.encoded())) == samples, "\(context)")
        // Growing the chunk one sample at a time gives the same bytes as encoding it at once.
        var incremental = SampleChunk()
        for sample in samples { incremental.append(sample) }
        #expect(incremental.encoded() == chunk.encoded(), "\(context)")
    }

    @Test func exactIntegerAcceptsOnlyValuesThatConvertBackBitForBit() {
        #expect(SampleChunk.exactInteger(0) == 0)
        #expect(SampleChunk.exactInteger(-4_096) == -4_096)
        #expect(SampleChunk.exactInteger(9_007_199_254_740_992) == 9_007_199_254_740_992)
        #expect(SampleChunk.exactInteger(-9_007_199_254_740_992) == -9_007_199_254_740_992)
        #expect(SampleChunk.exactInteger(18_014_398_509_481_984) == nil)  // 2^54: beyond the exact range
        #expect(SampleChunk.exactInteger(-0.0) == nil)
        #expect(SampleChunk.exactInteger(0.5) == nil)
        #expect(SampleChunk.exactInteger(.nan) == nil)
        #expect(SampleChunk.exactInteger(Sample.staleMarker) == nil)
        #expect(SampleChunk.exactInteger(.infinity) == nil)
    }

    @Test func firstValueChoosesTheEncoding() {
        #expect(SampleChunk(samples: [Sample(timestamp: 0, value: 3)]).encoded().first == SampleChunk.formatInteger)
        #expect(SampleChunk(samples: [Sample(timestamp: 0, value: 3.5)]).encoded().first == SampleChunk.formatXOR)
        #expect(SampleChunk(samples: [Sample(timestamp: 0, value: -0.0)]).encoded().first == SampleChunk.formatXOR)
        #expect(SampleChunk().encoded() == [SampleChunk.formatXOR, 0])
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func randomIntegerStreamsWithEscapesRoundTrip(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var value = Double(Int64.random(in: -1_000_000...1_000_000, using: &random))
        var values: [Double] = []
        for _ in 0..<Int.random(in: 2...400, using: &random) {
            switch random.next() % 12 {
            case 0: value = Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &random))  // far jumps
            case 1: values.append(Sample.staleMarker)
            case 2: values.append([Double.nan, -0.0, 0.25, .infinity, 1e300].randomElement(using: &random)!)
            case 3: break  // repeat
            case 4: value += Double(Int64.random(in: -3...3, using: &random))
            default: value += Double(Int64.random(in: -512...512, using: &random) * 4_096)
            }
            value = min(max(value, -9_007_199_254_740_992), 9_007_199_254_740_992)
            values.append(value)
        }
        SampleChunkIntegerTests.roundTrip(values, "seed \(seed)")
    }

    @Test func extremesOfTheExactRangeRoundTrip() {
        let limit = 9_007_199_254_740_992.0
        SampleChunkIntegerTests.roundTrip([0, limit, -limit, limit, 0, -limit, -limit, 1, -1], "±2^53 jumps")
        SampleChunkIntegerTests.roundTrip([limit, limit * 2, limit, 3], "a value beyond 2^53 is escaped")
    }

    @Test func steadyCountersAndConstantsCostOneBitPerValue() {
        let counter = (0..<121).map { Double(1_000_000 + $0 * 1_234) }
        let constant = [Double](repeating: 52_428_800, count: 121)
        for values in [counter, constant] {
            SampleChunkIntegerTests.roundTrip(values, "\(values.prefix(2))")
            let chunk = SampleChunk(
                samples: values.enumerated().map { Sample(timestamp: Int64($0.offset) * 1_000, value: $0.element) })
            // 119 samples after the second at 1 bit of timestamp and 1 bit of value, plus the fixed head.
            #expect(chunk.byteCount <= 1 + 4 + 2 + 3 + (119 * 2 + 7) / 8 + 2)
        }
    }

    @Test func noisyPageSizedGaugeIsSmallerThanXOR() {
        var random = SplitMix64(seed: 42)
        var values: [Double] = []
        var pages = 60_000.0
        for _ in 0..<120 {
            pages += Double(Int64.random(in: -256...300, using: &random))
            values.append(pages * 4_096)
        }
        SampleChunkIntegerTests.roundTrip(values, "noisy gauge")
        let integer = SampleChunk(
            samples: values.enumerated().map { Sample(timestamp: Int64($0.offset) * 60_000, value: $0.element) })
        // The same values with a fractional first sample force the XOR encoding.
        let xor = SampleChunk(
            samples: [Sample(timestamp: -60_000, value: 0.5)]
                + values.enumerated().map { Sample(timestamp: Int64($0.offset) * 60_000, value: $0.element) })
        #expect(xor.encoded().first == SampleChunk.formatXOR)
        #expect(integer.byteCount * 10 < xor.byteCount * 7, "integer \(integer.byteCount) B vs XOR \(xor.byteCount) B")
    }

    @Test func corruptIntegerStreamsThrow() {
        // A delta window reused before one was set: first value 0, then `10` + sign 0 + `0` (reuse).
        var writer = BitWriter()
        writer.writeVarint(0)
        writer.writeVarint(0)
        writer.writeUVarint(1_000)
        writer.writeBits(0b1000, count: 4)
        let reused = [SampleChunk.formatInteger, 2] + writer.bytes
        #expect(throws: ChunkError.corrupt("delta window reused before it was set")) { try SampleChunk.decode(reused) }
        // A first value outside ±2^53.
        var big = BitWriter()
        big.writeVarint(0)
        big.writeVarint(1 << 60)
        #expect(throws: ChunkError.corrupt("integer value out of range")) {
            try SampleChunk.decode([SampleChunk.formatInteger, 1] + big.bytes)
        }
        // Every prefix of a valid integer chunk throws instead of returning fewer samples.
        let valid = SampleChunk(
            samples: (0..<40).map { Sample(timestamp: Int64($0) * 7, value: Double($0 * $0 * 4_096)) }
        ).encoded()
        for length in 0..<valid.count - 1 {
            #expect(throws: ChunkError.self) { try SampleChunk.decode(Array(valid.prefix(length))) }
        }
    }
}
