import Logging

extension EventLoop {
    /// Handles readiness on a connection.
    func handle(_ connection: Connection, _ flags: Epoll.Events) {
        if flags.contains(.error) || flags.contains(.hangup) {
            close(connection)
            return
        }
        if flags.contains(.output) {
            flush(connection)
            guard connection.isOpen else { return }
        }
        if flags.contains(.input) { readable(connection) }
    }

    // MARK: - Reading

    private func readable(_ connection: Connection) {
        if connection.machine.phase == .lingering {
            discard(connection)
            return
        }
        for _ in 0..<Self.readsPerEvent {
            guard connection.isOpen, connection.machine.isReading else { return }
            let result: Syscall.NonBlocking<Int>
            do {
                result = try Syscall.receive(connection.descriptor, into: readBuffer)
            } catch {
                context.logger.debug("read from \(connection.remoteAddress): \(error)")
                close(connection)
                return
            }
            guard case .done(let count) = result else { return }
            guard count > 0 else {
                // The peer closed; a partial request can get no answer.
                close(connection)
                return
            }
            connection.machine.receivedBytes(now: now)
            consume(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]), on: connection)
        }
    }

    /// Feeds bytes to the parser until they run out or a request is complete.
    private func consume(_ bytes: UnsafeRawBufferPointer, on connection: Connection) {
        var offset = 0
        while true {
            let step: (event: HTTPParserEvent?, consumed: Int)
            do {
                step = try connection.parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            } catch {
                context.logger.debug("bad request from \(connection.remoteAddress): \(error)")
                reject(connection, status: error.status, message: error.description)
                return
            }
            offset += step.consumed
            switch step.event {
            case nil:
                return
            case .head(let head):
                connection.machine.receivedHead(now: now)
                // Only when the client is really waiting: no body bytes came with the head.
                if head.expectsContinue, head.framing != .none, offset == bytes.count {
                    connection.output.append(HTTPResponseEncoder.continueResponse)
                    flush(connection)
                    guard connection.isOpen else { return }
                }
            case .complete(let request):
                if request.head.keepAlive, offset < bytes.count {
                    connection.pending = Array(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                }
                dispatch(request, on: connection)
                return
            }
        }
    }

    /// Hands a complete request to the workers (or answers 503 when their queue is full).
    private func dispatch(_ parsed: HTTPParsedRequest, on connection: Connection) {
        connection.machine.requestComplete()
        let head = parsed.head
        let request = HTTPRequest(
            method: head.method, target: head.target, headers: head.headers, body: parsed.body,
            remoteAddress: connection.remoteAddress)
        updateInterest(connection)
        let item = WorkItem(
            connectionID: connection.id, request: request, contentCoding: head.contentCoding,
            keepAlive: head.keepAlive, isHTTP10: head.isHTTP10, receivedAt: now)
        guard !context.pool.submit(item) else { return }
        context.logger.debug("request queue full; answering 503 to \(connection.remoteAddress)")
        let response = context.processor.errorResponse(
            503, "server busy: \(context.configuration.maxQueuedRequests) requests queued", head.headers)
        context.processor.observe(request.method, request.path, 503, parsed.body.count, since: now)
        queueResponse(
            response, on: connection, keepAlive: head.keepAlive, isHEAD: request.method == "HEAD",
            announceKeepAlive: head.isHTTP10)
    }

    /// Discards input after the server closed its side, until the peer closes or enough was thrown away.
    private func discard(_ connection: Connection) {
        for _ in 0..<Self.readsPerEvent {
            switch try? Syscall.receive(connection.descriptor, into: readBuffer) {
            case .wouldBlock:
                return
            case .done(let count) where count > 0:
                connection.discarded += count
                if connection.discarded > Self.maxLingerBytes {
                    close(connection)
                    return
                }
            default:
                close(connection)
                return
            }
        }
    }

    // MARK: - Responding

    /// Answers with the server's own error response and closes the connection afterwards.
    func reject(_ connection: Connection, status: Int, message: String) {
        let summary = connection.parser.summary
        let path = summary.map { HTTPRequest.split($0.target).path } ?? ""
        let response = context.processor.errorResponse(status, message, summary?.headers)
        context.processor.observe(summary?.method ?? "", path, status, 0, since: now)
        connection.pending = []
        queueResponse(
            response, on: connection, keepAlive: false, isHEAD: summary?.method == "HEAD", announceKeepAlive: false)
    }

    /// Queues a final response and starts writing it.
    func queueResponse(
        _ response: HTTPResponse, on connection: Connection, keepAlive: Bool, isHEAD: Bool, announceKeepAlive: Bool
    ) {
        let keepAlive = keepAlive && shutdownDeadline == nil
        let head = HTTPResponseEncoder.encodeHead(
            response, keepAlive: keepAlive, announceKeepAlive: announceKeepAlive)
        connection.output.append(head)
        if !isHEAD, !HTTPResponseEncoder.forbidsBody(HTTPResponseEncoder.effectiveStatus(response.status)) {
            connection.output.append(response.body)
        }
        connection.closeAfterWrite = !keepAlive
        connection.machine.responseQueued(now: now)
        flush(connection)
    }

    /// Writes what is queued; on completion moves to the next request, or closes.
    private func flush(_ connection: Connection) {
        let result: (written: Int, done: Bool)
        do {
            result = try connection.output.flush(to: connection.descriptor)
        } catch {
            context.logger.debug("write to \(connection.remoteAddress): \(error)")
            close(connection)
            return
        }
        if result.written > 0 { connection.machine.wroteBytes(now: now) }
        guard result.done, connection.machine.phase == .writing else {
            updateInterest(connection)
            return
        }
        if connection.closeAfterWrite {
            Syscall.shutdownWrite(connection.descriptor)
            connection.machine.startLingering(now: now, limit: shutdownDeadline == nil ? nil : Self.shutdownLinger)
            updateInterest(connection)
        } else if shutdownDeadline != nil {
            close(connection)
        } else {
            connection.machine.responseSent(now: now)
            updateInterest(connection)
            resume(connection)
        }
    }

    /// Parses pipelined bytes that arrived with earlier requests, one request at a time. A loop rather than
    /// recursion: answers written synchronously (503) come back here while the loop runs.
    private func resume(_ connection: Connection) {
        guard !connection.isResuming else { return }
        connection.isResuming = true
        defer { connection.isResuming = false }
        while connection.isOpen, connection.machine.phase == .idle, !connection.pending.isEmpty {
            let pending = connection.pending
            connection.pending = []
            connection.machine.receivedBytes(now: now)
            pending.withUnsafeBytes { consume($0, on: connection) }
        }
    }

    // MARK: - Interest and closing

    /// Watches for input while reading or lingering, for output while bytes are queued.
    func updateInterest(_ connection: Connection) {
        guard connection.isOpen else { return }
        var desired: Epoll.Events = connection.machine.isInFlight ? [] : .input
        if !connection.output.isEmpty { desired.insert(.output) }
        guard desired != connection.interest else { return }
        do {
            try context.epoll.modify(connection.descriptor, desired, token: connection.id)
            connection.interest = desired
        } catch {
            context.logger.error("epoll_ctl for \(connection.remoteAddress): \(error)")
            close(connection)
        }
    }

    /// Closes the socket and forgets the connection; a worker result for it is dropped.
    func close(_ connection: Connection) {
        guard connection.isOpen else { return }
        connection.isOpen = false
        Syscall.close(connection.descriptor)
        connections[connection.id] = nil
    }
}
