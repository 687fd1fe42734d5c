import Foundation
import TestSupport

@testable import Leakwatch

/// The built `leakwatch` executable running `serve` in a child process on a free loopback port (`--listen
/// 127.0.0.1:0`; the port is read from its "listening" log line).
final class ServeProcess {
    /// The `leakwatch` executable next to the test bundle (built by `swift build` / `swift test`).
    static var executable: String {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("leakwatch").path
    }

    let process: Process
    let port: Int
    /// What it logged until it reported its port.
    let startupLog: String

    /// Starts `leakwatch serve` with `arguments` (after `serve`; `--listen 127.0.0.1:0 --log-level info` are
    /// added) and waits up to 20 s for its port.
    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: ServeProcess.executable)
        process.arguments = ["serve"] + arguments + ["--listen", "127.0.0.1:0", "--log-level", "info"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"address=127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":").last ?? "") ?? 0
                startupLog = text
                // Keep draining its log so a chatty server never blocks on a full pipe.
                errors.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
                return
            }
        }
        process.terminate()
        process.waitUntilExit()
        throw LoopbackHTTPClient.ClientError(description: "leakwatch serve did not report its port: \(text)")
    }

    /// A client on its port.
    func client() throws -> LoopbackHTTPClient {
        try LoopbackHTTPClient(port: port)
    }

    /// Stops it with SIGTERM and waits.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Kills it with SIGKILL and waits.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
