/// A joinable POSIX thread.
struct PosixThread: Sendable {
    private let id: UInt

    /// Starts a thread running `body`.
    static func spawn(_ body: @escaping @Sendable () -> Void) throws(SocketError) -> PosixThread {
        PosixThread(id: try Syscall.spawnThread(body))
    }

    /// Waits for the thread to end.
    func join() {
        Syscall.joinThread(id)
    }

    /// Lets the thread end on its own, unjoined.
    func detach() {
        Syscall.detachThread(id)
    }
}
