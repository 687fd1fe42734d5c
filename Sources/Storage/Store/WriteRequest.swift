import Dispatch
import TimeSeries

/// Work for the writer thread: an append batch or a control command, completed with an outcome.
final class WriteRequest: @unchecked Sendable {
    // @unchecked: `outcome` is written by the writer thread before it signals `done`, and read by the caller after.
    enum Kind {
        case append([Series], sampleCount: Int)
        /// One sample per label set: `samples[i]` belongs to `labels[i]`.
        case appendSamples(labels: [Labels], samples: [Sample])
        /// Move chunks to disk now: sealed ones past the out-of-order window, or every chunk when `everything`.
        case compact(everything: Bool)
        /// Apply retention now.
        case retention
    }

    let kind: Kind
    var outcome: Result<AppendResult, StoreError>?
    /// Signalled once `outcome` is set.
    let done = DispatchSemaphore(value: 0)

    init(_ kind: Kind) {
        self.kind = kind
    }

    /// Whether the request appends samples (rather than being a control command).
    var isAppend: Bool {
        switch kind {
        case .append, .appendSamples: true
        case .compact, .retention: false
        }
    }

    var sampleCount: Int {
        switch kind {
        case .append(_, let count): count
        case .appendSamples(_, let samples): samples.count
        case .compact, .retention: 0
        }
    }
}
