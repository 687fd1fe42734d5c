import Foundation

/// Reads `/proc` to find which descriptors this process holds, so tests can prove none leaked even while other
/// tests in the same process open and close files.
enum ProcessDescriptors {
    /// Link targets of every open descriptor (`socket:[123]`, `anon_inode:[eventpoll]`, paths).
    static func targets() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
    }

    /// How many of this process's descriptors are TCP sockets whose local port is `port`: the server's listener
    /// and its accepted connections (clients connecting to it have an ephemeral local port).
    static func serverSockets(port: Int) -> Int {
        serverSocketInodes(port: port).count
    }

    /// The inodes of this process's TCP sockets whose local port is `port`.
    static func serverSocketInodes(port: Int) -> Set<String> {
        var inodes = Set<String>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                guard columns.count > 9, let colon = columns[1].lastIndex(of: ":"),
                    Int(columns[1][columns[1].index(after: colon)...], radix: 16) == port
                else { continue }
                inodes.insert(String(columns[9]))
            }
        }
        return Set(
            targets().compactMap { target in
                guard target.hasPrefix("socket:[") else { return nil }
                let inode = String(target.dropFirst(8).dropLast())
                return inodes.contains(inode) ? inode : nil
            })
    }

    /// Whether this process still holds the socket with `inode`.
    static func holdsSocket(inode: String) -> Bool {
        targets().contains("socket:[\(inode)]")
    }

    /// How many descriptors are epoll sets or eventfds.
    static func eventDescriptors() -> Int {
        targets().filter { $0 == "anon_inode:[eventpoll]" || $0 == "anon_inode:[eventfd]" }.count
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func eventually(timeout: Duration = .seconds(3), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }
}
