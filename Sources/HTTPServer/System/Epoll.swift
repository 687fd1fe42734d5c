/// An epoll instance (not owning: `close()` releases it) and the types to talk to it.
struct Epoll: Sendable {
    /// Readiness flags (`EPOLLIN`, `EPOLLOUT`, `EPOLLERR`, `EPOLLHUP`); level-triggered.
    struct Events: OptionSet, Sendable {
        let rawValue: UInt32

        /// `EPOLLIN`: readable, or the peer closed.
        static let input = Events(rawValue: 0x001)
        /// `EPOLLOUT`: writable again.
        static let output = Events(rawValue: 0x004)
        /// `EPOLLERR`: an error is pending (always reported).
        static let error = Events(rawValue: 0x008)
        /// `EPOLLHUP`: both directions are shut down or the peer reset (always reported).
        static let hangup = Events(rawValue: 0x010)
    }

    /// A reusable array of `struct epoll_event`, owned by the thread that waits.
    final class EventBuffer {
        private let storage: UnsafeMutableRawPointer
        /// How many events one wait can return.
        let capacity: Int

        /// Allocates room for `capacity` events.
        init(capacity: Int) {
            self.capacity = capacity
            storage = .allocate(byteCount: capacity * Syscall.epollEventSize, alignment: 8)
        }

        deinit {
            storage.deallocate()
        }

        /// Waits for events; returns how many are ready (0 on timeout or interruption).
        func wait(on epoll: Epoll, timeoutMilliseconds: Int32) throws(SocketError) -> Int {
            try Syscall.epollWait(
                epoll.descriptor, storage, capacity: capacity, timeoutMilliseconds: timeoutMilliseconds)
        }

        /// The token and flags of the event at `index`.
        subscript(index: Int) -> (token: UInt64, events: Events) {
            let base = storage + index * Syscall.epollEventSize
            let flags = base.loadUnaligned(as: UInt32.self)
            let token = base.loadUnaligned(fromByteOffset: Syscall.epollDataOffset, as: UInt64.self)
            return (token, Events(rawValue: flags))
        }
    }

    /// The epoll descriptor.
    let descriptor: Int32

    /// Creates an epoll instance. The corresponding C function is `epoll_create1`.
    static func make() throws(SocketError) -> Epoll {
        Epoll(descriptor: try Syscall.epollCreate())
    }

    /// Starts watching `descriptor` for `events`; `token` identifies it in results.
    func add(_ descriptor: Int32, _ events: Events, token: UInt64) throws(SocketError) {
        try Syscall.epollControl(self.descriptor, .add, descriptor, events: events.rawValue, token: token)
    }

    /// Changes what `descriptor` is watched for.
    func modify(_ descriptor: Int32, _ events: Events, token: UInt64) throws(SocketError) {
        try Syscall.epollControl(self.descriptor, .modify, descriptor, events: events.rawValue, token: token)
    }

    /// Closes the epoll instance.
    func close() {
        Syscall.close(descriptor)
    }
}
