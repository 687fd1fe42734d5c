import Logging

/// The poller thread: one epoll set over the listener, the mailbox and every connection.
///
/// It accepts, reads and parses requests, hands complete ones to the worker pool, writes responses (waiting for
/// `EPOLLOUT` on partial writes) and enforces every timeout. Level-triggered; a connection whose request is with a
/// worker is not watched for input, so pipelined bytes wait in the kernel. Confined to its thread.
final class EventLoop {
    static let listenerToken: UInt64 = 0
    static let mailboxToken: UInt64 = 1
    /// Bytes read per `recv`.
    static let readSize = 64 * 1024
    /// Reads per readiness event, so one busy connection cannot starve the others.
    static let readsPerEvent = 4
    /// How long the listener is paused after running out of descriptors.
    static let acceptPause: Duration = .milliseconds(100)
    /// What a lingering close discards at most before closing anyway.
    static let maxLingerBytes = 256 * 1024
    /// How long a lingering close may wait once the server is shutting down.
    static let shutdownLinger: Duration = .milliseconds(200)

    let context: Context
    private(set) var listener: Int32?
    var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private let events = Epoll.EventBuffer(capacity: 256)
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
    private var acceptPausedUntil: ContinuousClock.Instant?
    /// When running out of descriptors was last logged (at most every 10 s).
    private var exhaustionLoggedAt: ContinuousClock.Instant?
    private(set) var shutdownDeadline: ContinuousClock.Instant?
    private var nextTimerCheck: ContinuousClock.Instant
    private let tick: Duration
    let limits: HTTPParserLimits
    let timeouts: ConnectionStateMachine.Timeouts
    /// The loop's clock reading for the current iteration.
    var now: ContinuousClock.Instant

    typealias Context = LoopContext

    /// Prepares the loop; the listener and mailbox must already be registered in `context.epoll`.
    init(context: LoopContext) {
        self.context = context
        listener = context.listener
        let configuration = context.configuration
        limits = HTTPParserLimits(
            maxHeaderBytes: configuration.maxHeaderBytes, maxBodyBytes: configuration.maxBodyBytes)
        timeouts = ConnectionStateMachine.Timeouts(
            header: configuration.headerReadTimeout, body: configuration.bodyReadTimeout,
            idle: configuration.idleTimeout, write: configuration.writeTimeout,
            linger: min(.seconds(2), configuration.headerReadTimeout))
        let shortest = [timeouts.header, timeouts.body, timeouts.idle, timeouts.write, timeouts.linger].min()!
        tick = max(.milliseconds(5), min(.milliseconds(50), shortest / 4))
        now = .now
        nextTimerCheck = now + tick
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Runs until a requested shutdown completes (or its deadline passes), then closes every descriptor it owns.
    func run() {
        while true {
            let count: Int
            do {
                count = try events.wait(on: context.epoll, timeoutMilliseconds: waitTimeout())
            } catch {
                context.logger.critical("HTTP event loop stopped: \(error)")
                break
            }
            now = .now
            for index in 0..<count {
                let (token, flags) = events[index]
                switch token {
                case Self.listenerToken: acceptConnections()
                case Self.mailboxToken: drainMailbox()
                default: if let connection = connections[token] { handle(connection, flags) }
                }
            }
            if now >= nextTimerCheck {
                checkTimers()
                nextTimerCheck = now + tick
            }
            if let deadline = shutdownDeadline, connections.isEmpty || now >= deadline { break }
        }
        tearDown()
    }

    /// Milliseconds until the next timer check; forever when nothing can time out.
    private func waitTimeout() -> Int32 {
        if connections.isEmpty, acceptPausedUntil == nil, shutdownDeadline == nil { return -1 }
        let remaining = nextTimerCheck - .now
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard let listener else { return }
        for _ in 0..<64 {
            do {
                guard case .done(let (descriptor, peer)) = try Syscall.accept(listener) else { return }
                guard connections.count < context.configuration.maxConnections, shutdownDeadline == nil else {
                    refuse(descriptor, peer: peer)
                    continue
                }
                Syscall.setNoDelay(descriptor)
                let id = nextID
                nextID += 1
                do {
                    try context.epoll.add(descriptor, .input, token: id)
                } catch {
                    context.logger.error("cannot watch connection from \(peer): \(error)")
                    Syscall.close(descriptor)
                    continue
                }
                connections[id] = Connection(
                    id: id, descriptor: descriptor, remoteAddress: peer, limits: limits, timeouts: timeouts, now: now)
            } catch {
                guard Syscall.isResourceExhaustion(error) else {
                    context.logger.debug("accept: \(error)")
                    continue
                }
                if exhaustionLoggedAt.map({ now - $0 >= .seconds(10) }) ?? true {
                    exhaustionLoggedAt = now
                    context.logger.warning("HTTP server out of descriptors (\(error)); pausing accept briefly")
                }
                try? context.epoll.modify(listener, [], token: Self.listenerToken)
                acceptPausedUntil = now + Self.acceptPause
                return
            }
        }
    }

    /// Answers a connection over `maxConnections` with 503 (best effort) and closes it.
    private func refuse(_ descriptor: Int32, peer: String) {
        context.logger.debug("refusing connection from \(peer): \(connections.count) connections open")
        let response = context.processor.errorResponse(
            503, "too many connections (limit \(context.configuration.maxConnections))", nil)
        let head = HTTPResponseEncoder.encodeHead(response, keepAlive: false, announceKeepAlive: false)
        _ = head.withUnsafeBytes { head in
            response.body.withUnsafeBytes { body in try? Syscall.send(descriptor, head, body) }
        }
        context.processor.observe("", "", 503, 0, since: now)
        // Take what the client already sent, so closing does not reset the connection before it reads the 503.
        _ = try? Syscall.receive(descriptor, into: readBuffer)
        Syscall.shutdownWrite(descriptor)
        Syscall.close(descriptor)
    }

    // MARK: - Mailbox

    private func drainMailbox() {
        let (results, deadline) = context.mailbox.take()
        for result in results {
            guard let connection = connections[result.connectionID], connection.machine.phase == .processing else {
                continue
            }
            queueResponse(
                result.response, on: connection, keepAlive: result.keepAlive, isHEAD: result.isHEAD,
                announceKeepAlive: result.announceKeepAlive)
        }
        if let deadline, shutdownDeadline == nil { beginShutdown(by: deadline) }
    }

    // MARK: - Timers

    private func checkTimers() {
        if let paused = acceptPausedUntil, now >= paused, let listener {
            acceptPausedUntil = nil
            try? context.epoll.modify(listener, .input, token: Self.listenerToken)
        }
        var expired: [(Connection, ConnectionStateMachine.TimeoutAction)] = []
        for connection in connections.values {
            if let action = connection.machine.timeoutAction(now: now) { expired.append((connection, action)) }
        }
        for (connection, action) in expired {
            switch action {
            case .close:
                close(connection)
            case .requestTimeout where connection.parser.hasPartialMessage:
                context.logger.debug("request from \(connection.remoteAddress) timed out")
                reject(connection, status: 408, message: "timed out waiting for the request")
            case .requestTimeout:
                close(connection)
            }
        }
    }

    // MARK: - Shutdown

    /// Stops accepting and closes every connection that has no request in flight; the others close after their
    /// response.
    private func beginShutdown(by deadline: ContinuousClock.Instant) {
        shutdownDeadline = deadline
        if let listener {
            Syscall.close(listener)
            self.listener = nil
        }
        for connection in Array(connections.values) {
            if connection.machine.phase == .lingering {
                connection.machine.startLingering(now: now, limit: Self.shutdownLinger)
            } else if !connection.machine.isInFlight {
                close(connection)
            }
        }
    }

    private func tearDown() {
        for connection in connections.values { Syscall.close(connection.descriptor) }
        if !connections.isEmpty {
            context.logger.warning("closed \(connections.count) HTTP connections with requests still in flight")
        }
        connections = [:]
        if let listener { Syscall.close(listener) }
        listener = nil
        context.epoll.close()
    }
}
