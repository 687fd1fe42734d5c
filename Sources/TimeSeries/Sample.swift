/// One sample: a timestamp in milliseconds since the Unix epoch and a float value.
///
/// Equality compares the value's bit pattern, so a stale marker, a NaN and another NaN payload are all distinct
/// and a round trip through storage can be checked bit for bit.
public struct Sample: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var timestamp: Int64
    /// The value. `Sample.staleMarker` marks the end of a series (Prometheus's StaleNaN).
    public var value: Double

    /// The bit pattern of Prometheus's staleness marker (`model/value.StaleNaN`).
    public static let staleNaNBits: UInt64 = 0x7ff0_0000_0000_0002
    /// The bit pattern of Prometheus's ordinary NaN (`model/value.NormalNaN`).
    public static let normalNaNBits: UInt64 = 0x7ff8_0000_0000_0001
    /// The staleness marker value: a NaN with a payload distinct from every NaN that arithmetic produces.
    public static let staleMarker = Double(bitPattern: staleNaNBits)

    /// Creates a sample.
    public init(timestamp: Int64, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }

    /// Creates a staleness marker at `timestamp`.
    public static func stale(at timestamp: Int64) -> Sample {
        Sample(timestamp: timestamp, value: staleMarker)
    }

    /// Whether this sample is a staleness marker.
    @inlinable public var isStale: Bool { value.bitPattern == Sample.staleNaNBits }
}

extension Double {
    /// Whether this value is Prometheus's staleness marker.
    @inlinable public var isStaleMarker: Bool { bitPattern == Sample.staleNaNBits }
}

extension Sample: Hashable {
    /// Whether the two are equal.
    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
    }

    /// Hashes the same components equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timestamp)
        hasher.combine(value.bitPattern)
    }
}

extension Sample: CustomStringConvertible {
    /// A readable form for logs and messages.
    public var description: String {
        isStale ? "stale@\(timestamp)" : "\(value)@\(timestamp)"
    }
}
