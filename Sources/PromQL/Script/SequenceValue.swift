import TimeSeries

/// One slot of an expanded series (`promtool` and `.test` expanding notation): a value, or `_` for no sample.
public enum SequenceValue: Sendable, CustomStringConvertible {
    /// `_`: no sample at this slot.
    case omitted
    /// A value; `Sample.staleMarker` for `stale`.
    case value(Double)

    /// The value, or nil when omitted.
    public var float: Double? {
        if case .value(let value) = self { value } else { nil }
    }

    /// Whether this slot is a staleness marker.
    public var isStale: Bool { float?.isStaleMarker ?? false }

    /// The slot as the notation writes it: `_`, `stale`, `NaN`, `+Inf`, `-Inf` or the number.
    public var description: String {
        switch self {
        case .omitted: "_"
        case .value(let value): PromQLTestFormat.value(value)
        }
    }
}

extension SequenceValue: Hashable {
    /// Equal when both are omitted or both hold the same bit pattern (so `stale` differs from `NaN`).
    public static func == (lhs: SequenceValue, rhs: SequenceValue) -> Bool {
        switch (lhs, rhs) {
        case (.omitted, .omitted): true
        case (.value(let left), .value(let right)): left.bitPattern == right.bitPattern
        default: false
        }
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .omitted: hasher.combine(0 as UInt8)
        case .value(let value): hasher.combine(value.bitPattern)
        }
    }
}
