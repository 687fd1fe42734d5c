import Foundation
import Glibc

/// A blocking TCP client written against POSIX sockets, for talking raw HTTP/1.1 to the server under test.
final class RawClient {
    /// A response as read off the wire.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        /// The first value of a header, ignoring case.
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A client-side failure.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads time out after `timeout`. A small `receiveBuffer` makes the server's
    /// writes block sooner.
    init(port: Int, timeout: Duration = .seconds(5), receiveBuffer: Int32? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        if var size = receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(description: "connect: \(String(cString: strerror(code)))")
        }
        setTimeout(timeout)
    }

    deinit {
        close()
    }

    /// Sets the receive timeout.
    func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard result > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += result
        }
    }

    /// Sends a string (use `\r\n` line endings).
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        let code = errno
        if code == ECONNRESET { return false }
        throw Failure(description: "recv: \(String(cString: strerror(code)))")
    }

    /// Reads one response (interim 100 Continue included); nil when the server closed before sending anything.
    func readResponse(ignoringBody: Bool = false) throws -> Response? {
        var headEnd: Int?
        while true {
            if let end = findHeadEnd() {
                headEnd = end
                break
            }
            guard try fill() else {
                if buffer.isEmpty { return nil }
                throw Failure(description: "connection closed inside a response head")
            }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line: \(head)")
        }
        let headers = lines.filter { !$0.isEmpty }.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        buffer.removeFirst(headEnd! + 4)
        var response = Response(status: status, headers: headers, body: [])
        let length = ignoringBody ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while buffer.count < length {
            guard try fill() else { throw Failure(description: "connection closed inside a body") }
        }
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads a response head only (for HEAD requests, whose Content-Length describes a body that is not sent).
    func readHeadOnly() throws -> Response {
        while findHeadEnd() == nil {
            guard try fill() else { throw Failure(description: "connection closed inside a response head") }
        }
        let end = findHeadEnd()!
        let saved = Array(buffer[(end + 4)...])
        buffer = Array(buffer[..<(end + 4)])
        var response = try expectResponse(ignoringBody: true)
        buffer = saved
        response.body = []
        return response
    }

    /// Reads one response and fails when there is none.
    func expectResponse(ignoringBody: Bool = false) throws -> Response {
        guard let response = try readResponse(ignoringBody: ignoringBody) else {
            throw Failure(description: "connection closed, no response")
        }
        return response
    }

    /// Whether the server closes the connection (EOF or reset) before `timeout`, with no further bytes.
    func waitForClose(timeout: Duration = .seconds(3)) -> Bool {
        setTimeout(timeout)
        defer { setTimeout(.seconds(5)) }
        while true {
            guard let more = try? fill() else { return false }
            if !more { return true }
        }
    }

    private func findHeadEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Closes the socket (idempotent).
    func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Shuts down the sending side (the server sees end of stream).
    func shutdownWrite() {
        shutdown(descriptor, Int32(SHUT_WR))
    }
}
