internal import CLinuxShims
import Glibc

/// The one path from this module to libc (swift-system's funnel): sockets, epoll, eventfd, threads and signals.
///
/// Every call that can fail with `EINTR` is retried here; `EAGAIN`/`EWOULDBLOCK` on non-blocking descriptors becomes
/// `.wouldBlock`; `EBADF` and `EFAULT` trap, because they can only mean a bug in this module (a descriptor closed
/// twice or a bad buffer), never bad input. Everything else throws a `SocketError` naming the operation. The Linux
/// calls Swift's Glibc module does not export (epoll, eventfd, accept4) come from the `CLinuxShims` C module.
enum Syscall {
    /// The outcome of a call on a non-blocking descriptor.
    enum NonBlocking<Value> {
        /// The call completed with this value.
        case done(Value)
        /// The call would have blocked (`EAGAIN`); wait for readiness.
        case wouldBlock
    }

    // MARK: - Error funnel

    /// Runs `body` until it stops failing with `EINTR`; a negative result throws the `errno` as a `SocketError`.
    @inline(__always)
    private static func check(_ operation: StaticString, _ body: () -> Int) throws(SocketError) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw failure(operation, code)
        }
    }

    /// Like `check`, but `EAGAIN`/`EWOULDBLOCK` become `.wouldBlock`.
    @inline(__always)
    private static func checkNonBlocking(
        _ operation: StaticString, _ body: () -> Int
    ) throws(SocketError) -> NonBlocking<Int> {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw failure(operation, code)
        }
    }

    private static func failure(_ operation: StaticString, _ code: Int32) -> SocketError {
        precondition(code != EBADF && code != EFAULT, "\(operation) failed with errno \(code): a bug in HTTPServer")
        return SocketError(operation: "\(operation)", code: code, message: String(cString: strerror(code)))
    }

    // MARK: - Process

    /// Ignores `SIGPIPE` process-wide, so a peer that went away surfaces as `EPIPE` instead of killing the process.
    static func ignoreBrokenPipeSignal() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    // MARK: - Addresses

    /// Resolves a numeric or named host for a passive (listening) socket; IPv4 results are preferred.
    ///
    /// The corresponding C function is `getaddrinfo`.
    static func resolve(host: String, port: Int) throws(SocketError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard status == 0, let list else {
            let message =
                status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw SocketError(operation: "getaddrinfo(\(host))", code: status, message: message)
        }
        defer { freeaddrinfo(list) }
        var chosen: UnsafeMutablePointer<addrinfo>?
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let entry = cursor {
            let family = entry.pointee.ai_family
            if family == AF_INET, chosen.map({ $0.pointee.ai_family != AF_INET }) ?? true { chosen = entry }
            if family == AF_INET6, chosen == nil { chosen = entry }
            cursor = entry.pointee.ai_next
        }
        guard let entry = chosen, let address = entry.pointee.ai_addr else {
            throw SocketError(operation: "getaddrinfo(\(host))", code: EAI_FAMILY, message: "no IPv4 or IPv6 address")
        }
        let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(entry.pointee.ai_addrlen)))
        return SocketAddress(bytes: bytes, family: entry.pointee.ai_family, description: describe(address))
    }

    /// `127.0.0.1:4318` / `[::1]:4318` for an IPv4 or IPv6 `sockaddr`. The corresponding C function is `inet_ntop`.
    private static func describe(_ address: UnsafePointer<sockaddr>) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                var raw = ipv4.pointee.sin_addr
                _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return "\(host):\(UInt16(bigEndian: ipv4.pointee.sin_port))"
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                var raw = ipv6.pointee.sin6_addr
                _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return "[\(host)]:\(UInt16(bigEndian: ipv6.pointee.sin6_port))"
            }
        default:
            return "unknown"
        }
    }

    // MARK: - Sockets

    /// A new non-blocking, close-on-exec TCP socket. The corresponding C function is `socket`.
    static func makeStreamSocket(family: Int32) throws(SocketError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return Int32(try check("socket") { Int(socket(family, type, 0)) })
    }

    /// Sets `SO_REUSEADDR`, so a restarted server can bind while old connections sit in TIME_WAIT.
    static func setReuseAddress(_ descriptor: Int32) throws(SocketError) {
        var one: Int32 = 1
        _ = try check("setsockopt(SO_REUSEADDR)") {
            Int(setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)))
        }
    }

    /// Sets `TCP_NODELAY` (responses go out in one write; Nagle would only add delay). Failures are ignored.
    static func setNoDelay(_ descriptor: Int32) {
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The corresponding C function is `bind`.
    static func bind(_ descriptor: Int32, to address: SocketAddress) throws(SocketError) {
        _ = try check("bind") {
            address.bytes.withUnsafeBytes { raw in
                Int(
                    Glibc.bind(
                        descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self),
                        socklen_t(raw.count)))
            }
        }
    }

    /// The corresponding C function is `listen`.
    static func listen(_ descriptor: Int32, backlog: Int32) throws(SocketError) {
        _ = try check("listen") { Int(Glibc.listen(descriptor, backlog)) }
    }

    /// The port a socket is bound to. The corresponding C function is `getsockname`.
    static func localPort(_ descriptor: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try check("getsockname") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Int(getsockname(descriptor, $0, &length)) }
            }
        }
        return withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                return 0
            }
        }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket, with the peer's printable address.
    ///
    /// The corresponding C function is `accept4`.
    static func accept(_ listener: Int32) throws(SocketError) -> NonBlocking<(descriptor: Int32, peer: String)> {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let result = try checkNonBlocking("accept4") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Int(leakwatch_accept4(listener, $0, &length, flags))
                }
            }
        }
        guard case .done(let descriptor) = result else { return .wouldBlock }
        let peer = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { describe($0) }
        }
        return .done((Int32(descriptor), peer))
    }

    /// `EADDRINUSE`, `EADDRNOTAVAIL` and `EACCES`, which `Server.start()` reports with their own codes.
    static let addressInUse = EADDRINUSE
    static let addressNotAvailable = EADDRNOTAVAIL
    static let permissionDenied = EACCES

    /// Whether an `accept` failure means the process or system ran out of descriptors or memory.
    static func isResourceExhaustion(_ error: SocketError) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.code)
    }

    /// Reads what is available into `buffer`; `.done(0)` means the peer closed. The corresponding C function is `recv`.
    static func receive(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError)
        -> NonBlocking<Int>
    {
        try checkNonBlocking("recv") { recv(descriptor, buffer.baseAddress, buffer.count, 0) }
    }

    /// Writes two buffers in one call with `MSG_NOSIGNAL`; returns how many bytes went out.
    ///
    /// The corresponding C function is `sendmsg`.
    static func send(
        _ descriptor: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer
    ) throws(SocketError) -> NonBlocking<Int> {
        var vectors = (
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)
        )
        let count = second.isEmpty ? 1 : 2
        return try withUnsafeMutableBytes(of: &vectors) { raw throws(SocketError) in
            var message = msghdr()
            message.msg_iov = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
            message.msg_iovlen = count
            return try checkNonBlocking("sendmsg") { sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// Sends FIN to the peer while still allowing reads. Failures (peer already gone) are ignored.
    static func shutdownWrite(_ descriptor: Int32) {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes a descriptor. `EINTR` is not retried: on Linux the descriptor is already released.
    static func close(_ descriptor: Int32) {
        if Glibc.close(descriptor) != 0 {
            precondition(errno != EBADF, "close(\(descriptor)): EBADF, a descriptor closed twice")
        }
    }

    // MARK: - epoll and eventfd

    /// The size of `struct epoll_event` (12 bytes, packed, on x86_64) and the offset of its `data` field.
    static let epollEventSize = Int(leakwatch_epoll_event_size())
    static let epollDataOffset = Int(leakwatch_epoll_event_data_offset())

    /// `EPOLL_CTL_ADD`, `EPOLL_CTL_DEL`, `EPOLL_CTL_MOD`.
    enum EpollOperation: Int32 {
        case add = 1
        case delete = 2
        case modify = 3
    }

    /// A new close-on-exec epoll instance. The corresponding C function is `epoll_create1`.
    static func epollCreate() throws(SocketError) -> Int32 {
        Int32(try check("epoll_create1") { Int(leakwatch_epoll_create1(O_CLOEXEC)) })
    }

    /// Registers, changes or removes interest in `descriptor`; `token` comes back in its events.
    ///
    /// The corresponding C function is `epoll_ctl`.
    static func epollControl(
        _ epoll: Int32, _ operation: EpollOperation, _ descriptor: Int32, events: UInt32, token: UInt64
    ) throws(SocketError) {
        var event = (UInt64(0), UInt64(0))
        _ = try check("epoll_ctl") {
            withUnsafeMutableBytes(of: &event) { raw in
                raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
                raw.storeBytes(of: token, toByteOffset: epollDataOffset, as: UInt64.self)
                return Int(leakwatch_epoll_ctl(epoll, operation.rawValue, descriptor, raw.baseAddress))
            }
        }
    }

    /// Waits for events into `buffer` (room for `capacity` events of `epollEventSize` bytes).
    ///
    /// An interrupted wait returns 0 events so the caller recomputes its timers. The corresponding C function is
    /// `epoll_wait`.
    static func epollWait(
        _ epoll: Int32, _ buffer: UnsafeMutableRawPointer, capacity: Int, timeoutMilliseconds: Int32
    ) throws(SocketError) -> Int {
        let result = leakwatch_epoll_wait(epoll, buffer, Int32(capacity), timeoutMilliseconds)
        if result >= 0 { return Int(result) }
        let code = errno
        if code == EINTR { return 0 }
        throw failure("epoll_wait", code)
    }

    /// A new non-blocking, close-on-exec eventfd counter. The corresponding C function is `eventfd`.
    static func eventCreate() throws(SocketError) -> Int32 {
        Int32(try check("eventfd") { Int(leakwatch_eventfd(0, O_CLOEXEC | O_NONBLOCK)) })
    }

    /// Adds 1 to an eventfd counter, waking its poller. A full counter (`EAGAIN`) already means "wake up".
    static func eventSignal(_ descriptor: Int32) {
        var one: UInt64 = 1
        _ = try? checkNonBlocking("write(eventfd)") { write(descriptor, &one, 8) }
    }

    /// Resets an eventfd counter to zero.
    static func eventDrain(_ descriptor: Int32) {
        var value: UInt64 = 0
        _ = try? checkNonBlocking("read(eventfd)") { read(descriptor, &value, 8) }
    }

    // MARK: - Threads

    /// Starts a joinable thread running `body`. The corresponding C function is `pthread_create`.
    static func spawnThread(_ body: @escaping @Sendable () -> Void) throws(SocketError) -> UInt {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw SocketError(operation: "pthread_create", code: status, message: String(cString: strerror(status)))
        }
        return UInt(thread)
    }

    /// Waits for a thread started by `spawnThread` to finish. The corresponding C function is `pthread_join`.
    static func joinThread(_ thread: UInt) {
        let status = pthread_join(pthread_t(thread), nil)
        precondition(status == 0, "pthread_join failed with \(status)")
    }

    /// Lets a thread that will not be joined release its resources when it ends.
    static func detachThread(_ thread: UInt) {
        _ = pthread_detach(pthread_t(thread))
    }

    // MARK: - Mutexes

    /// A new heap-allocated `pthread_mutex_t` (error-checking, so misuse traps instead of deadlocking silently).
    static func makeMutex() -> UnsafeMutableRawPointer {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ERRORCHECK))
        let status = pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
        return UnsafeMutableRawPointer(mutex)
    }

    /// The corresponding C function is `pthread_mutex_lock`.
    static func lockMutex(_ mutex: UnsafeMutableRawPointer) {
        let status = pthread_mutex_lock(mutex.assumingMemoryBound(to: pthread_mutex_t.self))
        precondition(status == 0, "pthread_mutex_lock failed with \(status)")
    }

    /// The corresponding C function is `pthread_mutex_unlock`.
    static func unlockMutex(_ mutex: UnsafeMutableRawPointer) {
        let status = pthread_mutex_unlock(mutex.assumingMemoryBound(to: pthread_mutex_t.self))
        precondition(status == 0, "pthread_mutex_unlock failed with \(status)")
    }

    /// Destroys and frees a mutex from `makeMutex`.
    static func destroyMutex(_ mutex: UnsafeMutableRawPointer) {
        let typed = mutex.assumingMemoryBound(to: pthread_mutex_t.self)
        pthread_mutex_destroy(typed)
        typed.deallocate()
    }
}

/// The closure a new thread runs, passed through `pthread_create`'s context pointer.
private final class ThreadBody {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
        self.run = run
    }
}
