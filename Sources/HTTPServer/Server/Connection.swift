/// One accepted connection's state. Owned and touched only by the event loop thread.
final class Connection {
    /// Identifies the connection in epoll events and worker results; never reused.
    let id: UInt64
    /// The socket.
    let descriptor: Int32
    /// The peer, `127.0.0.1:54321`.
    let remoteAddress: String
    /// The request parser; its buffers are this connection's only per-request memory besides the body.
    var parser: HTTPRequestParser
    /// Phase and deadline.
    var machine: ConnectionStateMachine
    /// Bytes waiting to be written.
    var output = OutputQueue()
    /// Pipelined bytes read past the request being answered; parsed after its response.
    var pending: [UInt8] = []
    /// What epoll currently watches for.
    var interest: Epoll.Events = .input
    /// Whether the connection closes once `output` is written.
    var closeAfterWrite = false
    /// Whether pipelined bytes are being parsed (a response finished inside that loop must not start another).
    var isResuming = false
    /// Bytes discarded while lingering.
    var discarded = 0
    /// Whether the socket is still open.
    var isOpen = true

    /// Wraps a socket accepted at `now`.
    init(
        id: UInt64, descriptor: Int32, remoteAddress: String, limits: HTTPParserLimits,
        timeouts: ConnectionStateMachine.Timeouts, now: ContinuousClock.Instant
    ) {
        self.id = id
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        parser = HTTPRequestParser(limits: limits)
        machine = ConnectionStateMachine(timeouts: timeouts, now: now)
    }
}
