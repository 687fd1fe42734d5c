public import TimeSeries

/// A deterministic workload of memory gauges as services report them: `process_memory_rss_bytes` per pod, each
/// growing at its own rate with noise, in whole 4 KiB pages, one sample per series per minute.
public struct MemoryGaugeWorkload: Sendable {
    /// Number of series.
    public let seriesCount: Int
    /// Label sets, one per series.
    public let labels: [Labels]
    /// Timestamp of the first sample (ms).
    public let start: Int64
    /// Milliseconds between samples.
    public let step: Int64

    /// Creates the workload.
    public init(seriesCount: Int, start: Int64 = 1_764_000_000_000, step: Int64 = 60_000) {
        self.seriesCount = seriesCount
        self.start = start
        self.step = step
        labels = (0..<seriesCount).map { index in
            let service = "checkout-\(index % 40)"
            return Labels([
                "__name__": "process_memory_rss_bytes",
                "service_name": service,
                "job": service,
                "instance": "10.\(index / 62_500).\(index / 250 % 250).\(index % 250):8080",
                "pod": "\(service)-7d9f\(MemoryGaugeWorkload.mix(UInt64(index)) % 100_000)",
            ])
        }
    }

    /// Timestamp of sample `step`.
    public func timestamp(_ index: Int) -> Int64 {
        start + Int64(index) * step
    }

    /// Value of series `series` at sample `index`: a base of 100–400 MiB, a leak of 0–64 KiB per minute, ±2 MiB noise.
    public func value(series: Int, index: Int) -> Double {
        let seed = MemoryGaugeWorkload.mix(UInt64(series))
        let base = Double(100 << 20) + Double(seed % (300 << 20))
        let slope = Double(seed >> 40 % 65_536)
        let noise = Double(MemoryGaugeWorkload.mix(UInt64(series) << 32 | UInt64(index)) % (4 << 20)) - Double(2 << 20)
        let bytes = base + slope * Double(index) + noise
        return (bytes / 4_096).rounded() * 4_096
    }

    /// One batch: every series' sample at `index`.
    public func batch(_ index: Int, series range: Range<Int>? = nil) -> [Series] {
        let timestamp = timestamp(index)
        return (range ?? 0..<seriesCount).map { series in
            Series(
                labels: labels[series],
                samples: [Sample(timestamp: timestamp, value: value(series: series, index: index))])
        }
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &+ 0x9e37_79b9_7f4a_7c15
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}
