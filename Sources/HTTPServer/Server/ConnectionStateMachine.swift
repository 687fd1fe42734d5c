/// Where a connection is in its request/response cycle and when it must be cut off (Hummingbird's idle-state
/// machine, extended to every timeout). Pure: the event loop reports what happened and asks what to do.
package struct ConnectionStateMachine: Sendable {
    /// The limits, from `ServerConfiguration`.
    package struct Timeouts: Sendable {
        /// From accept (first request) or the first byte (later ones) to the end of the head.
        package var header: Duration
        /// From the end of the head to the end of the body.
        package var body: Duration
        /// Between a response and the next request's first byte.
        package var idle: Duration
        /// Without write progress while a response is pending.
        package var write: Duration
        /// After the server closed its side, waiting for the peer to close.
        package var linger: Duration

        /// Creates the set of timeouts.
        package init(header: Duration, body: Duration, idle: Duration, write: Duration, linger: Duration) {
            self.header = header
            self.body = body
            self.idle = idle
            self.write = write
            self.linger = linger
        }
    }

    /// The connection's phase.
    package enum Phase: Sendable, Equatable {
        /// Between requests (or before the first byte).
        case idle
        /// Some bytes of a head arrived.
        case readingHead
        /// The head arrived; reading the body.
        case readingBody
        /// A worker is answering the request; not reading.
        case processing
        /// The response is being written; not reading.
        case writing
        /// The server's side is shut down; discarding input until the peer closes.
        case lingering
    }

    /// What to do about an expired deadline.
    package enum TimeoutAction: Sendable, Equatable {
        /// Close without a response.
        case close
        /// Answer 408 when part of a request arrived (otherwise close), then close.
        case requestTimeout
    }

    private let timeouts: Timeouts
    /// The current phase.
    package private(set) var phase = Phase.idle
    /// When the current phase times out; `nil` while a worker has the request.
    package private(set) var deadline: ContinuousClock.Instant?
    /// Responses completely written on this connection.
    package private(set) var responsesSent = 0

    /// A connection accepted at `now`: its first head must be complete within the header timeout.
    package init(timeouts: Timeouts, now: ContinuousClock.Instant) {
        self.timeouts = timeouts
        deadline = now + timeouts.header
    }

    /// Whether a request is with a worker or its response is being written.
    package var isInFlight: Bool { phase == .processing || phase == .writing }

    /// Whether the connection reads requests in this phase.
    package var isReading: Bool { phase == .idle || phase == .readingHead || phase == .readingBody }

    /// Request bytes arrived.
    package mutating func receivedBytes(now: ContinuousClock.Instant) {
        guard phase == .idle else { return }
        phase = .readingHead
        if responsesSent > 0 { deadline = now + timeouts.header }
    }

    /// A head was parsed; its body, if any, follows.
    package mutating func receivedHead(now: ContinuousClock.Instant) {
        phase = .readingBody
        deadline = now + timeouts.body
    }

    /// The whole request arrived and went to a worker.
    package mutating func requestComplete() {
        phase = .processing
        deadline = nil
    }

    /// A final response was queued for writing.
    package mutating func responseQueued(now: ContinuousClock.Instant) {
        phase = .writing
        deadline = now + timeouts.write
    }

    /// Some bytes of the response went out.
    package mutating func wroteBytes(now: ContinuousClock.Instant) {
        if phase == .writing { deadline = now + timeouts.write }
    }

    /// The response was completely written and the connection stays open.
    package mutating func responseSent(now: ContinuousClock.Instant) {
        phase = .idle
        responsesSent += 1
        deadline = now + timeouts.idle
    }

    /// The server shut down its side after a final response; `limit` shortens the linger (during shutdown).
    package mutating func startLingering(now: ContinuousClock.Instant, limit: Duration? = nil) {
        phase = .lingering
        deadline = now + min(timeouts.linger, limit ?? timeouts.linger)
    }

    /// What to do at `now`, or `nil` while no deadline has passed.
    package func timeoutAction(now: ContinuousClock.Instant) -> TimeoutAction? {
        guard let deadline, now >= deadline else { return nil }
        switch phase {
        case .readingHead, .readingBody: return .requestTimeout
        case .idle, .processing, .writing, .lingering: return .close
        }
    }
}
