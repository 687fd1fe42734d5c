public import Logging
import Synchronization

/// An HTTP/1.1 server on raw POSIX sockets: one epoll thread for all connections, a bounded pool of worker threads
/// for handlers.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 0
/// let server = Server(configuration: configuration, logger: logger) { request in .text(200, "hello\n") }
/// try server.start()
/// print(server.port)
/// server.shutdown()
/// ```
///
/// Limits and their answers: header bytes → 431, body bytes before and after gunzip → 413 (the rest of the body is
/// not read), slow heads/bodies → 408, full request queue → 503 with `Retry-After`, connections beyond
/// `maxConnections` → 503 and closed, malformed requests → 400, unsupported `Transfer-Encoding` → 501, unsupported
/// `Content-Encoding` → 415 (the OTLP Collector answers 400 here; 415 names the actual problem), an `Expect` other
/// than `100-continue` → 417, HTTP/2 or other versions → 505. A server is started once and shut down once.
public final class Server: Sendable {
    /// The server's life: never started, running, stopped.
    private enum Lifecycle: Sendable {
        case idle
        case running(Runtime)
        case stopped
    }

    /// The threads and channels of a running server.
    private struct Runtime: Sendable {
        let poller: PosixThread
        let pool: WorkerPool
        let mailbox: Mailbox
    }

    private let configuration: ServerConfiguration
    private let logger: Logger
    private let processor: RequestProcessor
    private let lifecycle = Locked(Lifecycle.idle)
    private let boundPort = Atomic<Int>(0)

    /// Creates a server; nothing happens until `start()`.
    ///
    /// - Parameters:
    ///   - configuration: address and limits.
    ///   - logger: where failures are logged; start, stop and per-connection problems are logged at `debug`, so
    ///     the application owns the user-facing lines.
    ///   - handler: answers requests, on worker threads.
    ///   - errorResponder: builds the response for errors the server generates itself (400, 408, 413, 415, 417,
    ///     431, 501, 503, 505) so an app can answer in its own format, e.g. OTLP's `google.rpc.Status` in the
    ///     request's Content-Type. `requestHeaders` is `nil` when the header fields could not be read. The status
    ///     is forced to the one given. Called on the event loop thread for most errors, so keep it cheap.
    ///     Default: `text/plain` with the message.
    ///   - observer: told about every response sent (handler responses and the server's own), for metrics and
    ///     logs. Called on server threads; keep it cheap.
    public init(
        configuration: ServerConfiguration, logger: Logger, handler: @escaping HTTPHandler,
        errorResponder: HTTPErrorResponder? = nil, observer: (@Sendable (HTTPExchange) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        processor = RequestProcessor(
            handler: handler, errorResponder: errorResponder, observer: observer,
            maxBodyBytes: configuration.maxBodyBytes, retryAfterSeconds: configuration.retryAfterSeconds)
    }

    deinit {
        shutdown(timeout: .seconds(1))
    }

    /// The bound port once `start()` returned (useful with port 0); 0 before.
    public var port: Int { boundPort.load(ordering: .acquiring) }

    /// Binds and listens (with `SO_REUSEADDR`), ignores `SIGPIPE`, and starts the poller and worker threads.
    ///
    /// - Throws: `ServerError`, e.g. `.addressInUse` when another process listens on the port.
    public func start() throws {
        try lifecycle.withLock { (state) throws(ServerError) in
            guard case .idle = state else {
                throw ServerError(.alreadyStarted, "the HTTP server was already started; create a new one")
            }
            if let problem = configuration.problem { throw ServerError(.invalidConfiguration, problem) }
            Syscall.ignoreBrokenPipeSignal()
            state = .running(try launch())
        }
        logger.debug("HTTP server listening on \(configuration.host):\(port)")
    }

    /// Stops gracefully: stops accepting, closes idle connections, lets requests in flight finish and their
    /// responses go out (until `timeout`), then closes everything and joins the threads.
    ///
    /// A handler still running at the deadline cannot be interrupted: its connection is closed and its thread
    /// detached. Calling it again, or before `start()`, does nothing.
    public func shutdown(timeout: Duration = .seconds(10)) {
        let runtime = lifecycle.withLock { state -> Runtime? in
            defer { state = .stopped }
            guard case .running(let runtime) = state else { return nil }
            return runtime
        }
        guard let runtime else { return }
        let deadline = ContinuousClock.now + timeout
        runtime.mailbox.requestShutdown(by: deadline)
        runtime.poller.join()
        runtime.pool.stop(deadline: deadline, logger: logger)
        runtime.mailbox.close()
        logger.debug("HTTP server on port \(port) stopped")
    }

    // MARK: - Starting

    /// Opens the listener, epoll set and mailbox and starts the threads; on failure closes whatever it opened.
    private func launch() throws(ServerError) -> Runtime {
        let address: SocketAddress
        do {
            address = try Syscall.resolve(host: configuration.host, port: configuration.port)
        } catch {
            throw ServerError(.invalidAddress, "cannot resolve \(configuration.host): \(error.message)")
        }
        var cleanup: [() -> Void] = []
        var succeeded = false
        defer { if !succeeded { cleanup.reversed().forEach { $0() } } }
        do {
            let listener = try Syscall.makeStreamSocket(family: address.family)
            cleanup.append { Syscall.close(listener) }
            try Syscall.setReuseAddress(listener)
            try Syscall.bind(listener, to: address)
            try Syscall.listen(listener, backlog: 1024)
            let port = try Syscall.localPort(listener)
            let epoll = try Epoll.make()
            cleanup.append { epoll.close() }
            let mailbox = try Mailbox()
            cleanup.append { mailbox.close() }
            try epoll.add(listener, .input, token: EventLoop.listenerToken)
            try epoll.add(mailbox.descriptor, .input, token: EventLoop.mailboxToken)
            let pool = WorkerPool(capacity: configuration.maxQueuedRequests)
            cleanup.append { [logger] in pool.stop(deadline: .now + .seconds(1), logger: logger) }
            try pool.start(count: configuration.workerThreads, processor: processor, mailbox: mailbox)
            let context = LoopContext(
                configuration: configuration, logger: logger, listener: listener, epoll: epoll, mailbox: mailbox,
                pool: pool, processor: processor)
            let poller = try PosixThread.spawn { EventLoop(context: context).run() }
            succeeded = true
            boundPort.store(port, ordering: .releasing)
            return Runtime(poller: poller, pool: pool, mailbox: mailbox)
        } catch {
            throw serverError(error, address: address)
        }
    }

    private func serverError(_ error: SocketError, address: SocketAddress) -> ServerError {
        let place = "\(configuration.host):\(configuration.port)"
        switch error.code {
        case Syscall.addressInUse:
            return ServerError(
                .addressInUse,
                "cannot listen on \(place): the address is already in use (another leakwatch or "
                    + "an OpenTelemetry Collector?)", errno: error.code)
        case Syscall.addressNotAvailable:
            return ServerError(
                .addressNotAvailable, "cannot listen on \(place): not an address of this machine",
                errno: error.code)
        case Syscall.permissionDenied:
            return ServerError(
                .permissionDenied, "cannot listen on \(place): permission denied (ports below 1024 need privileges)",
                errno: error.code)
        default:
            return ServerError(.systemError, "cannot start the HTTP server on \(place): \(error)", errno: error.code)
        }
    }
}
