import Dispatch
import TimeSeries

/// Work for the writer thread: an append batch or a control command, completed with an outcome.
final class WriteRequest: @unchecked Sendable {
    // @unchecked: `outcome` is written by the writer thread before it signals `done`, and read by the caller after.
    enum Kind {
        case append([Series], sampleCount: Int)
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

    var sampleCount: Int {
        if case .append(_, let count) = kind { return count }
        return 0
    }
}
