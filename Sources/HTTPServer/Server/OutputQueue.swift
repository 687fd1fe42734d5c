/// Bytes waiting to be written to a connection, in order, without copying the buffers handed in.
struct OutputQueue {
    private var buffers: [[UInt8]] = []
    /// Bytes of `buffers[0]` already written.
    private var offset = 0

    /// Whether everything was written.
    var isEmpty: Bool { buffers.isEmpty }

    /// Queues `bytes` after what is already queued.
    mutating func append(_ bytes: [UInt8]) {
        if !bytes.isEmpty { buffers.append(bytes) }
    }

    /// Writes as much as the socket takes, two buffers per `sendmsg`.
    ///
    /// - Returns: the bytes written and whether the queue is now empty (`false`: wait for `EPOLLOUT`).
    mutating func flush(to descriptor: Int32) throws(SocketError) -> (written: Int, done: Bool) {
        var written = 0
        while !buffers.isEmpty {
            let offset = offset
            let result = buffers[0].withUnsafeBytes { first in
                let second = buffers.count > 1 ? buffers[1] : []
                return second.withUnsafeBytes { second in
                    Result { () throws(SocketError) in
                        try Syscall.send(descriptor, UnsafeRawBufferPointer(rebasing: first[offset...]), second)
                    }
                }
            }
            switch try result.get() {
            case .wouldBlock:
                return (written, false)
            case .done(let count):
                written += count
                consume(count)
            }
        }
        return (written, true)
    }

    private mutating func consume(_ count: Int) {
        var remaining = count
        while remaining > 0, !buffers.isEmpty {
            let left = buffers[0].count - offset
            if remaining < left {
                offset += remaining
                return
            }
            remaining -= left
            buffers.removeFirst()
            offset = 0
        }
    }
}
