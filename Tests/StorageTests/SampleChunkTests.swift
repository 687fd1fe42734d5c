import TestSupport
import Testing
import TimeSeries

@testable import Storage

struct SampleChunkTests {
    // MARK: - Helpers

    /// Describes the first difference between two sample lists (compared bit for bit), or nil when they are equal.
    static func difference(_ actual: [Sample], _ expected: [Sample]) -> String? {
        for index in 0..<min(actual.count, expected.count) where actual[index] != expected[index] {
            let got = actual[index]
            let want = expected[index]
            return "sample \(index): got \(got) (bits 0x\(String(got.value.bitPattern, radix: 16))), "
                + "want \(want) (bits 0x\(String(want.value.bitPattern, radix: 16)))"
        }
        if actual.count != expected.count { return "got \(actual.count) samples, want \(expected.count)" }
        return nil
    }

    /// Checks that `samples` survive encoding: in memory, through `encoded()`/`decode`, and appended one by one.
    static func expectRoundTrip(
        _ samples: [Sample], _ context: @autoclosure () -> String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let chunk = SampleChunk(samples: samples)
        #expect(chunk.count == samples.count, "\(context())", sourceLocation: sourceLocation)
        if let first = samples.first, let last = samples.last {
            #expect(chunk.minTime == first.timestamp, "\(context())", sourceLocation: sourceLocation)
            #expect(chunk.maxTime == last.timestamp, "\(context())", sourceLocation: sourceLocation)
        }
        let inMemory = difference(chunk.samples(), samples)
        #expect(inMemory == nil, "\(context()): samples(): \(inMemory ?? "")", sourceLocation: sourceLocation)
        do {
            let decoded = try SampleChunk.decode(chunk.encoded())
            let stored = difference(decoded, samples)
            #expect(stored == nil, "\(context()): decode: \(stored ?? "")", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(context()): decode threw \(error)", sourceLocation: sourceLocation)
        }
        var incremental = SampleChunk()
        for sample in samples { incremental.append(sample) }
        #expect(incremental.encoded() == chunk.encoded(), "\(context())", sourceLocation: sourceLocation)
    }

    /// Samples at `timestamps` with values from `value(index)`.
    static func samples(_ timestamps: [Int64], value: (Int) -> Double = { Double($0) }) -> [Sample] {
        timestamps.enumerated().map { Sample(timestamp: $0.element, value: value($0.offset)) }
    }

    /// Strictly increasing timestamps from `start` with gaps between 1 ms and 2^40 ms, small gaps more likely.
    static func randomTimestamps(count: Int, start: Int64, using rng: inout SplitMix64) -> [Int64] {
        var timestamps: [Int64] = []
        var timestamp = start
        for _ in 0..<count {
            timestamps.append(timestamp)
            let magnitude = Int64.random(in: 0...40, using: &rng)
            timestamp += Int64.random(in: 1...(Int64(1) << magnitude), using: &rng)
        }
        return timestamps
    }

    /// Values that stress the XOR encoding: NaNs with payloads, the stale marker, infinities, zeros, subnormals.
    static let specialValues: [Double] = [
        .nan, Double(bitPattern: Sample.normalNaNBits), Sample.staleMarker, .infinity, -.infinity, 0.0, -0.0,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
        Double(bitPattern: 0x000f_ffff_ffff_ffff),  // the largest subnormal
        Double(bitPattern: 0x7ff8_dead_beef_0001), Double(bitPattern: 0xfff0_0000_0000_0001), .signalingNaN,
        Double(bitPattern: 0xffff_ffff_ffff_ffff), .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1.0, -1.0,
        0.1, -123_456.789,
    ]

    /// Whether `error` is a `.corrupt` error, whatever its reason.
    static func isCorrupt(_ error: ChunkError) -> Bool {
        if case .corrupt = error { return true }
        return false
    }

    /// The number of bytes of an unsigned LEB128 varint.
    static func uvarintLength(_ value: UInt64) -> Int {
        var length = 1
        var rest = value >> 7
        while rest > 0 {
            length += 1
            rest >>= 7
        }
        return length
    }

    // MARK: - Round trips

    @Test func emptyChunkRoundTrips() throws {
        let chunk = SampleChunk()
        #expect(chunk.count == 0)
        #expect(chunk.samples().isEmpty)
        #expect(chunk.encoded() == [SampleChunk.formatXOR, 0])
        #expect(try SampleChunk.decode(chunk.encoded()).isEmpty)
        var out: [Sample] = []
        chunk.samples(from: .min, through: .max, into: &out)
        #expect(out.isEmpty)
    }

    @Test(arguments: [Int64.min, -1, 0, 1, 1_700_000_000_000, Int64.max])
    func singleSampleRoundTrips(timestamp: Int64) {
        for value in SampleChunkTests.specialValues {
            SampleChunkTests.expectRoundTrip([Sample(timestamp: timestamp, value: value)], "at \(timestamp)")
        }
    }

    @Test func twoSamplesRoundTrip() {
        for first in SampleChunkTests.specialValues {
            for second in SampleChunkTests.specialValues {
                let samples = [Sample(timestamp: 1_000, value: first), Sample(timestamp: 1_001, value: second)]
                SampleChunkTests.expectRoundTrip(samples, "\(first) then \(second)")
            }
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func randomBitPatternsRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = Int.random(in: 1...700, using: &rng)
        let start = Int64.random(in: -(1 << 50)...(1 << 50), using: &rng)
        let timestamps = SampleChunkTests.randomTimestamps(count: count, start: start, using: &rng)
        let samples = timestamps.map { Sample(timestamp: $0, value: Double(bitPattern: rng.next())) }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
    }

    @Test(arguments: 101...112 as ClosedRange<UInt64>)
    func randomMixedValuesRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = Int.random(in: 1...700, using: &rng)
        let start = Int64.random(in: -(1 << 50)...(1 << 50), using: &rng)
        let timestamps = SampleChunkTests.randomTimestamps(count: count, start: start, using: &rng)
        var bits = rng.next()
        var samples: [Sample] = []
        for timestamp in timestamps {
            samples.append(Sample(timestamp: timestamp, value: Double(bitPattern: bits)))
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bits = rng.next()  // anything
            case 1: break  // repeat: a zero XOR
            case 2: bits ^= rng.next() & ((1 << UInt64.random(in: 1...20, using: &rng)) - 1)  // low bits change
            case 3: bits ^= (rng.next() & 0xffff) << UInt64.random(in: 0...48, using: &rng)  // a window elsewhere
            default: bits = SampleChunkTests.specialValues.randomElement(using: &rng)!.bitPattern
            }
        }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
    }

    @Test(arguments: [0.0, -0.0, 1.0, -1.5, 42e100, .nan, Sample.staleMarker, .infinity, .leastNonzeroMagnitude])
    func constantValuesAtRegularIntervalsCostTwoBitsPerSample(value: Double) {
        let timestamps = (0..<500).map { Int64($0) * 15_000 }
        let samples = SampleChunkTests.samples(timestamps) { _ in value }
        SampleChunkTests.expectRoundTrip(samples, "constant \(value)")
        // First timestamp (1 byte) and value (a zigzag varint for an exact integer, else 64 bits), first delta and
        // 1 bit, then 2 bits per sample.
        let firstValueBits =
            SampleChunk.exactInteger(value).map {
                8 * SampleChunkTests.uvarintLength(UInt64(bitPattern: ($0 << 1) ^ ($0 >> 63)))
            } ?? 64
        let bits = 8 + firstValueBits + 8 * SampleChunkTests.uvarintLength(15_000) + 1 + 498 * 2
        #expect(SampleChunk(samples: samples).byteCount == (bits + 7) / 8)
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func monotonicCountersRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var value = 0.0
        var timestamp: Int64 = 1_700_000_000_000
        var samples: [Sample] = []
        for index in 0..<2_000 {
            samples.append(Sample(timestamp: timestamp, value: value))
            timestamp += 15_000
            if index % 500 == 499 {
                value = 0  // a counter reset
            } else if Bool.random(using: &rng) {
                value += Double(Int.random(in: 0...1_000, using: &rng))
            } else {
                value += Double.random(in: 0..<10, using: &rng)
            }
        }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
    }

    @Test func specialValueTransitionsRoundTrip() {
        // Every ordered pair of special values, so every XOR between them is encoded at least once.
        var values: [Double] = []
        for first in SampleChunkTests.specialValues {
            for second in SampleChunkTests.specialValues {
                values += [first, second]
            }
        }
        let timestamps = (0..<values.count).map { Int64($0) * 1_000 - 500_000 }
        SampleChunkTests.expectRoundTrip(SampleChunkTests.samples(timestamps) { values[$0] })
        SampleChunkTests.expectRoundTrip(SampleChunkTests.samples(timestamps) { values.reversed()[$0] })
    }

    @Test(arguments: [13, 14, 15] as [UInt64])
    func specialValuesAtRandomRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let timestamps = SampleChunkTests.randomTimestamps(count: 1_000, start: -1_000_000, using: &rng)
        let samples = SampleChunkTests.samples(timestamps) { _ in
            SampleChunkTests.specialValues.randomElement(using: &rng)!
        }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
    }

    @Test(arguments: [16, 17] as [UInt64])
    func negativeValuesRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let timestamps = (0..<800).map { Int64($0) * 10_000 }
        let samples = SampleChunkTests.samples(timestamps) { index in
            switch index % 4 {
            case 0: -Double.random(in: 0..<1e6, using: &rng)
            case 1: -Double(Int.random(in: 0...1_000, using: &rng))
            case 2: -Double.random(in: 0..<1e-300, using: &rng)
            default: -1
            }
        }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
    }

    @Test(arguments: [18, 19, 20] as [UInt64])
    func regularScrapesWithJitterRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var timestamp: Int64 = 1_700_000_000_000
        var value = 100.0
        var samples: [Sample] = []
        for _ in 0..<2_500 {
            samples.append(Sample(timestamp: timestamp, value: value))
            timestamp += 60_000 + Int64.random(in: -500...500, using: &rng)
            value = max(0, value + Double.random(in: -5...5, using: &rng))
        }
        SampleChunkTests.expectRoundTrip(samples, "seed \(seed)")
        // Jitter under ±1s fits the 14-bit delta of deltas: the chunk is far below 16 bytes a sample.
        #expect(SampleChunk(samples: samples).byteCount < samples.count * 11, "seed \(seed)")
    }

    @Test func thousandsOfSamplesRoundTrip() {
        var rng = SplitMix64(seed: 21)
        let timestamps = SampleChunkTests.randomTimestamps(count: 10_000, start: 0, using: &rng)
        let samples = SampleChunkTests.samples(timestamps) { index in
            index % 7 == 0 ? Double(bitPattern: rng.next()) : Double(index / 3)
        }
        SampleChunkTests.expectRoundTrip(samples, "seed 21")
    }

    // MARK: - Timestamps

    @Test(
        arguments: [
            [Int64.min, Int64.min + 1],
            [Int64.max - 1, Int64.max],
            [Int64.min, -1],  // a delta of Int64.max
            [0, Int64.max],
            [Int64.min, -1, Int64.max - 1],
            [Int64.min, Int64.min + 1, 0],  // a delta of delta of Int64.max - 1
            [Int64.min, -1, 0],  // a delta of delta of 1 - Int64.max
            [-1, 0, 1],
            [-5_000_000_000_000, -1, 1, 5_000_000_000_000],
            (Int64(0)...100).map { Int64.min + $0 },
            (Int64(0)...100).map { Int64.max - 100 + $0 },
            (Int64(0)...100).map { -50 + $0 * 3 },
            [0, 1, 1 << 40, (1 << 40) + 1, 1 << 62, (1 << 62) + 1, Int64.max],
        ] as [[Int64]])
    func extremeTimestampsRoundTrip(timestamps: [Int64]) {
        SampleChunkTests.expectRoundTrip(SampleChunkTests.samples(timestamps), "\(timestamps.prefix(4))")
    }

    @Test func hugeGapsRoundTrip() {
        // Regular scrapes interrupted by gaps of an hour, a year and a millennium: dods far beyond 20 bits.
        var timestamps: [Int64] = []
        var timestamp: Int64 = -86_400_000
        for gap in [3_600_000, 31_536_000_000, 31_536_000_000_000, 1 << 45, 1] as [Int64] {
            for _ in 0..<10 {
                timestamps.append(timestamp)
                timestamp += 60_000
            }
            timestamp += gap
        }
        SampleChunkTests.expectRoundTrip(SampleChunkTests.samples(timestamps))
    }

    /// The delta of delta is stored in 1, 2+14, 3+17, 4+20 or 4+64 bits; each width's boundaries.
    @Test(arguments: [
        (Int64(0), 1), (1, 16), (-1, 16), (8_191, 16), (-8_192, 16), (8_192, 20), (-8_193, 20), (65_535, 20),
        (-65_536, 20), (65_536, 24), (-65_537, 24), (524_287, 24), (-524_288, 24), (524_288, 68), (-524_289, 68),
        (1 << 40, 68), (-(1 << 25), 68),
    ])
    func deltaOfDeltaUsesTheSmallestWidth(dod: Int64, bits: Int) {
        let count = 18
        let firstDelta: Int64 = 1 << 30
        var timestamps: [Int64] = [0]
        var delta = firstDelta
        for _ in 1..<count {
            timestamps.append(timestamps.last! + delta)
            delta += dod
        }
        let samples = SampleChunkTests.samples(timestamps) { _ in 1.5 }  // fractional: the XOR encoding
        SampleChunkTests.expectRoundTrip(samples, "dod \(dod)")
        // Timestamp 0 (1 byte), the value (64 bits), the first delta, an equal value (1 bit), then dod + 1 bit each.
        let streamBits = 8 + 64 + 8 * SampleChunkTests.uvarintLength(UInt64(firstDelta)) + 1 + (count - 2) * (bits + 1)
        #expect(SampleChunk(samples: samples).byteCount == (streamBits + 7) / 8, "dod \(dod)")
    }

    // MARK: - Compression

    @Test func regularConstantSeriesCompressesToTwoBitsPerSample() {
        let start: Int64 = 1_700_000_000_000
        func chunk(_ count: Int) -> SampleChunk {
            SampleChunk(samples: (0..<count).map { Sample(timestamp: start + Int64($0) * 60_000, value: 1) })
        }
        // 120 raw samples take 1,920 bytes. The fixed part is the format byte, the count, the first timestamp
        // (6 bytes), the first value (1 byte: an exact integer), the first delta (3 bytes); every later sample
        // costs 2 bits.
        #expect(chunk(120).encoded().first == SampleChunk.formatInteger)
        #expect(chunk(120).encoded().count == 2 + (48 + 8 + 24 + 1 + 118 * 2 + 7) / 8)
        #expect(chunk(120).encoded().count < 45)
        // 120 more samples add exactly 240 bits to the stream.
        #expect(chunk(240).byteCount - chunk(120).byteCount == 30)
    }

    // MARK: - Out-of-order inserts

    @Test func insertingPlacesSamplesInTimeOrder() {
        let chunk = SampleChunk(samples: SampleChunkTests.samples([10, 20, 30]))
        let before = chunk.inserting(Sample(timestamp: 5, value: 0.5))
        #expect(before.samples().map(\.timestamp) == [5, 10, 20, 30])
        #expect(before.minTime == 5)
        let middle = chunk.inserting(Sample(timestamp: 25, value: 2.5))
        #expect(middle.samples() == SampleChunkTests.samples([10, 20, 25, 30]) { [0, 1, 2.5, 2][$0] })
        let after = chunk.inserting(Sample(timestamp: 40, value: 4))
        #expect(after.samples().map(\.timestamp) == [10, 20, 30, 40])
        #expect(after.maxTime == 40)
        let replaced = chunk.inserting(Sample.stale(at: 20))
        #expect(
            replaced.samples() == [
                Sample(timestamp: 10, value: 0), .stale(at: 20), Sample(timestamp: 30, value: 2),
            ])
        #expect(replaced.count == 3)
        let fromEmpty = SampleChunk().inserting(Sample(timestamp: -7, value: .nan))
        #expect(fromEmpty.samples() == [Sample(timestamp: -7, value: .nan)])
        // The original is unchanged.
        #expect(chunk.samples() == SampleChunkTests.samples([10, 20, 30]))
    }

    @Test(arguments: [31, 32, 33, 34] as [UInt64])
    func insertingMatchesASortedModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let initial = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Int64.random(in: 0...100, using: &rng) * 10 }
        var model = Set(initial).sorted().map { Sample(timestamp: $0, value: Double($0)) }
        var chunk = SampleChunk(samples: model)
        for step in 0..<300 {
            let timestamp = Int64.random(in: -50...1_050, using: &rng)
            let value =
                Bool.random(using: &rng)
                ? Double(bitPattern: rng.next()) : SampleChunkTests.specialValues.randomElement(using: &rng)!
            let sample = Sample(timestamp: timestamp, value: value)
            chunk = chunk.inserting(sample)
            if let index = model.firstIndex(where: { $0.timestamp >= timestamp }) {
                if model[index].timestamp == timestamp {
                    model[index] = sample
                } else {
                    model.insert(sample, at: index)
                }
            } else {
                model.append(sample)
            }
            let inMemory = SampleChunkTests.difference(chunk.samples(), model)
            #expect(inMemory == nil, "seed \(seed), step \(step): \(inMemory ?? "")")
            #expect(chunk.count == model.count, "seed \(seed), step \(step)")
            #expect(chunk.minTime == model.first?.timestamp, "seed \(seed), step \(step)")
            #expect(chunk.maxTime == model.last?.timestamp, "seed \(seed), step \(step)")
        }
        let stored = SampleChunkTests.difference(try SampleChunk.decode(chunk.encoded()), model)
        #expect(stored == nil, "seed \(seed): \(stored ?? "")")
    }

    // MARK: - Range reads

    @Test func samplesInRangeAreInclusiveAndAppend() {
        let chunk = SampleChunk(samples: SampleChunkTests.samples([10, 20, 30, 40, 50]))
        func timestamps(_ start: Int64, _ end: Int64) -> [Int64] {
            var out = [Sample(timestamp: -1, value: -1)]
            chunk.samples(from: start, through: end, into: &out)
            #expect(out.first == Sample(timestamp: -1, value: -1), "existing contents are kept")
            return out.dropFirst().map(\.timestamp)
        }
        #expect(timestamps(20, 40) == [20, 30, 40])
        #expect(timestamps(10, 50) == [10, 20, 30, 40, 50])
        #expect(timestamps(.min, .max) == [10, 20, 30, 40, 50])
        #expect(timestamps(30, 30) == [30])
        #expect(timestamps(15, 35) == [20, 30])
        #expect(timestamps(11, 19) == [])
        #expect(timestamps(0, 9) == [])
        #expect(timestamps(0, 10) == [10])
        #expect(timestamps(50, 60) == [50])
        #expect(timestamps(51, 60) == [])
        #expect(timestamps(40, 20) == [])
    }

    @Test(arguments: [41, 42, 43] as [UInt64])
    func samplesInRandomRangesMatchAFilter(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let timestamps = SampleChunkTests.randomTimestamps(count: 300, start: -1_000, using: &rng)
        let unique = Array(Set(timestamps.map { $0 % 1_000_000_000 })).sorted()
        let samples = SampleChunkTests.samples(unique) { _ in Double(bitPattern: rng.next()) }
        let chunk = SampleChunk(samples: samples)
        for _ in 0..<200 {
            // Bounds are often exact sample timestamps, sometimes outside the chunk, sometimes reversed.
            func bound() -> Int64 {
                Bool.random(using: &rng)
                    ? unique.randomElement(using: &rng)! + Int64.random(in: -1...1, using: &rng)
                    : Int64.random(in: -2_000...1_000_000_000, using: &rng)
            }
            let start = bound()
            let end = Int.random(in: 0..<10, using: &rng) == 0 ? start : bound()
            var out: [Sample] = []
            chunk.samples(from: start, through: end, into: &out)
            let expected = samples.filter { $0.timestamp >= start && $0.timestamp <= end }
            let mismatch = SampleChunkTests.difference(out, expected)
            #expect(mismatch == nil, "seed \(seed), range \(start)...\(end): \(mismatch ?? "")")
        }
    }

    @Test func shrinkKeepsTheSamples() {
        var chunk = SampleChunk(capacity: 4_096)
        for sample in SampleChunkTests.samples([1, 2, 3]) { chunk.append(sample) }
        let before = chunk.encoded()
        chunk.shrink()
        #expect(chunk.encoded() == before)
        #expect(chunk.capacity < 4_096)
        chunk.append(Sample(timestamp: 4, value: 3))
        #expect(chunk.samples() == SampleChunkTests.samples([1, 2, 3, 4]))
    }

    // MARK: - Adversarial input

    /// Valid encodings of varied shapes to corrupt.
    static func validEncodings() -> [(name: String, samples: [Sample])] {
        var rng = SplitMix64(seed: 51)
        let random = SampleChunkTests.randomTimestamps(count: 60, start: -1_000, using: &rng).map {
            Sample(timestamp: $0, value: Double(bitPattern: rng.next()))
        }
        let scrapes = (0..<60).map { Sample(timestamp: 1_700_000_000_000 + Int64($0) * 60_000, value: Double($0)) }
        let special = SampleChunkTests.specialValues.enumerated().map {
            Sample(timestamp: Int64($0.offset) * 1_000_003, value: $0.element)
        }
        let extremes = SampleChunkTests.samples([Int64.min, Int64.min + 1, 0, 1, Int64.max - 1])
        return [
            ("random", random), ("scrapes", scrapes), ("special", special), ("extremes", extremes),
            ("single", [Sample(timestamp: 5, value: 5)]),
        ]
    }

    @Test func everyTruncatedPrefixThrows() {
        for (name, samples) in SampleChunkTests.validEncodings() {
            let bytes = SampleChunk(samples: samples).encoded()
            for length in 0..<bytes.count {
                // The header records the sample count and the last byte holds at least one bit of the last sample,
                // so a prefix can never decode: it must throw rather than return short or garbage data.
                do throws(ChunkError) {
                    let decoded = try SampleChunk.decode(Array(bytes.prefix(length)))
                    Issue.record("\(name): prefix of \(length)/\(bytes.count) bytes decoded \(decoded.count) samples")
                } catch {
                    #expect(error == .truncated || SampleChunkTests.isCorrupt(error), "\(name): \(error)")
                }
            }
        }
    }

    @Test(arguments: 61...90 as ClosedRange<UInt64>)
    func corruptedBytesThrowOrDecodeWithoutTrapping(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for (name, samples) in SampleChunkTests.validEncodings() {
            let valid = SampleChunk(samples: samples).encoded()
            for _ in 0..<50 {
                var bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let index = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                    case 1: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                    case 2 where index > 0: bytes[index] = 0xff
                    default: bytes.append(UInt8.random(in: 0...255, using: &rng))
                    }
                }
                do throws(ChunkError) {
                    let decoded = try SampleChunk.decode(bytes)
                    // Whatever decodes must still be a valid series: at most one sample per bit, in time order.
                    #expect(decoded.count <= bytes.count * 8, "seed \(seed), \(name), bytes \(bytes.count)")
                    let ordered = zip(decoded, decoded.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp }
                    #expect(ordered, "seed \(seed), \(name): timestamps out of order, \(decoded.prefix(8))")
                } catch {
                    #expect(error == .truncated || SampleChunkTests.isCorrupt(error), "seed \(seed), \(name): \(error)")
                }
            }
        }
    }

    @Test func decodeAppendsToExistingSamples() throws {
        let bytes = SampleChunk(samples: SampleChunkTests.samples([1, 2])).encoded()
        var out = [Sample(timestamp: 0, value: -1)]
        let failure = bytes.withUnsafeBytes { raw -> ChunkError? in
            do throws(ChunkError) {
                try SampleChunk.decode(raw, into: &out)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure == nil)
        #expect(out == [Sample(timestamp: 0, value: -1)] + SampleChunkTests.samples([1, 2]))
    }

    /// A stored chunk built by hand: format byte, count, then the bit stream `body` writes.
    static func handMade(count: UInt8, _ body: (inout BitWriter) -> Void) -> [UInt8] {
        var writer = BitWriter()
        body(&writer)
        return [SampleChunk.formatXOR, count] + writer.bytes
    }

    @Test func malformedHeadersAreRejected() {
        #expect(throws: ChunkError.truncated) { try SampleChunk.decode([]) }
        #expect(throws: ChunkError.truncated) { try SampleChunk.decode([SampleChunk.formatXOR]) }
        #expect(throws: ChunkError.truncated) { try SampleChunk.decode([SampleChunk.formatXOR, 0x80]) }
        for format: UInt8 in [0, 3, 0xff] {
            #expect(throws: ChunkError.corrupt("unknown chunk format \(format)")) {
                try SampleChunk.decode([format, 0])
            }
        }
        // A count of six varint bytes.
        #expect(throws: ChunkError.self) { try SampleChunk.decode([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0]) }
        // More samples than bits.
        #expect(throws: ChunkError.self) { try SampleChunk.decode([1, 17, 0, 0]) }
    }

    @Test func malformedStreamsAreRejected() {
        // A first delta of zero.
        let zeroDelta = SampleChunkTests.handMade(count: 2) { writer in
            writer.writeVarint(10)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(0)
            writer.writeBit(false)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(zeroDelta) }

        // A delta of delta that makes the delta negative.
        let backwards = SampleChunkTests.handMade(count: 3) { writer in
            writer.writeVarint(10)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(5)
            writer.writeBit(false)
            writer.writeBits(0b10, count: 2)
            writer.writeBits(UInt64(bitPattern: -6), count: 14)
            writer.writeBit(false)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(backwards) }

        // A value that reuses the XOR window before any was set.
        let noWindow = SampleChunkTests.handMade(count: 2) { writer in
            writer.writeVarint(10)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(5)
            writer.writeBits(0b10, count: 2)
            writer.writeBits(1, count: 64)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(noWindow) }

        // A window of 31 leading zeros and 63 significant bits.
        let wideWindow = SampleChunkTests.handMade(count: 2) { writer in
            writer.writeVarint(10)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(5)
            writer.writeBits(0b11, count: 2)
            writer.writeBits(31, count: 5)
            writer.writeBits(63, count: 6)
            writer.writeBits(0, count: 63)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(wideWindow) }

        // A first timestamp varint that overflows 64 bits.
        let longVarint =
            [SampleChunk.formatXOR, 1] + [UInt8](repeating: 0xff, count: 10) + [UInt8](repeating: 0, count: 9)
        #expect(throws: ChunkError.self) { try SampleChunk.decode(longVarint) }
    }

    @Test(arguments: [Int64.max - 1, Int64.max - 1_000, Int64.max])
    func timestampsThatWouldWrapAroundAreRejected(first: Int64) {
        // A delta that carries the timestamp past Int64.max must not wrap to a negative, earlier timestamp.
        let firstDeltaWraps = SampleChunkTests.handMade(count: 2) { writer in
            writer.writeVarint(first)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(5_000)
            writer.writeBit(false)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(firstDeltaWraps) }

        let laterDeltaWraps = SampleChunkTests.handMade(count: 3) { writer in
            writer.writeVarint(first - 2_000)
            writer.writeBits(0, count: 64)
            writer.writeUVarint(1)
            writer.writeBit(false)
            writer.writeBits(0b1111, count: 4)
            writer.writeBits(UInt64(10_000), count: 64)
            writer.writeBit(false)
        }
        #expect(throws: ChunkError.self) { try SampleChunk.decode(laterDeltaWraps) }
    }
}
