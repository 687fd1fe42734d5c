import Testing
import TimeSeries

struct SampleTests {
    @Test func staleMarkerHasPrometheusBitPattern() {
        #expect(Sample.staleNaNBits == 0x7ff0_0000_0000_0002)
        #expect(Sample.staleMarker.bitPattern == 0x7ff0_0000_0000_0002)
        #expect(Sample.stale(at: 42).value.bitPattern == 0x7ff0_0000_0000_0002)
        #expect(Sample.stale(at: 42).timestamp == 42)
        #expect(Sample.normalNaNBits == 0x7ff8_0000_0000_0001)
        // The marker is a NaN, so arithmetic on it never yields a number.
        #expect(Sample.staleMarker.isNaN)
    }

    @Test func staleMarkerIsStale() {
        #expect(Sample.stale(at: 0).isStale)
        #expect(Sample(timestamp: -5, value: Sample.staleMarker).isStale)
        #expect(Sample.staleMarker.isStaleMarker)
    }

    @Test(
        arguments: [
            Double.nan.bitPattern,
            Sample.normalNaNBits,
            Double.signalingNaN.bitPattern,
            (-Double.nan).bitPattern,
            0x7ff0_0000_0000_0001,  // neighbouring NaN payloads
            0x7ff0_0000_0000_0003,
            0xfff0_0000_0000_0002,  // the stale payload with the sign bit set
            0x7ff8_0000_0000_0002,  // the stale payload as a quiet NaN
            0,
            (-0.0 as Double).bitPattern,
            Double.infinity.bitPattern,
            (-Double.infinity).bitPattern,
            (2.0 as Double).bitPattern,
            Double.leastNonzeroMagnitude.bitPattern,
        ] as [UInt64])
    func onlyTheExactStalePatternIsStale(bits: UInt64) {
        let value = Double(bitPattern: bits)
        let sample = Sample(timestamp: 1, value: value)
        #expect(!sample.isStale)
        #expect(!value.isStaleMarker)
        #expect(sample != Sample.stale(at: 1))
    }

    @Test func nanIsNeitherStaleNorEqualToStale() {
        let nan = Sample(timestamp: 7, value: .nan)
        let normalNaN = Sample(timestamp: 7, value: Double(bitPattern: Sample.normalNaNBits))
        let stale = Sample.stale(at: 7)
        #expect(!nan.isStale)
        #expect(!normalNaN.isStale)
        #expect(nan != stale)
        #expect(normalNaN != stale)
        #expect(stale != nan)
        // Different NaN payloads are different samples.
        #expect(nan != normalNaN)
    }

    @Test func equalityIsBitwise() {
        // IEEE says NaN != NaN, but a sample compares bit patterns, so a NaN sample equals itself.
        let nan = Sample(timestamp: 1, value: .nan)
        #expect(nan == Sample(timestamp: 1, value: .nan))
        #expect(Sample.stale(at: 1) == Sample.stale(at: 1))
        // IEEE says 0 == -0, but the bit patterns differ.
        #expect(Sample(timestamp: 1, value: 0.0) != Sample(timestamp: 1, value: -0.0))
        #expect(Sample(timestamp: 1, value: 1.5) == Sample(timestamp: 1, value: 1.5))
        #expect(Sample(timestamp: 1, value: 1.5) != Sample(timestamp: 2, value: 1.5))
        #expect(Sample(timestamp: 1, value: 1.5) != Sample(timestamp: 1, value: 1.5.nextUp))
    }

    @Test func hashIsConsistentWithBitwiseEquality() {
        let samples: Set<Sample> = [
            Sample(timestamp: 1, value: .nan), Sample(timestamp: 1, value: .nan),
            Sample.stale(at: 1), Sample.stale(at: 1),
            Sample(timestamp: 1, value: Double(bitPattern: Sample.normalNaNBits)),
            Sample(timestamp: 1, value: 0.0), Sample(timestamp: 1, value: -0.0),
        ]
        #expect(samples.count == 5)
        #expect(samples.contains(Sample(timestamp: 1, value: .nan)))
        #expect(samples.contains(Sample.stale(at: 1)))
        #expect(!samples.contains(Sample.stale(at: 2)))
    }

    @Test func descriptionNamesStaleMarkers() {
        #expect(Sample.stale(at: 5).description == "stale@5")
        #expect(Sample(timestamp: 5, value: 1.5).description == "1.5@5")
        #expect(Sample(timestamp: -1, value: .nan).description == "nan@-1")
    }
}
