import Dispatch
import Foundation
import HTTPServer
import TestSupport
import Testing

extension ServerTests {
    /// Header size, timeouts, connection and queue limits, shutdown and descriptor hygiene.
    @Suite struct Limits {
        @Test func oversizeHeadersGet431() throws {
            try withServer({ $0.maxHeaderBytes = 1024 }) { server in
                let client = try RawClient(port: server.port)
                try client.send(
                    "GET / HTTP/1.1\r\nHost: t\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 100))
                let response = try client.expectResponse()
                #expect(response.status == 431)
                #expect(client.waitForClose())
            }
        }

        @Test func slowClientIsCutOffWith408() throws {
            try withServer({ $0.headerReadTimeout = .milliseconds(300) }) { server in
                let client = try RawClient(port: server.port)
                let start = ContinuousClock.now
                try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n")
                Thread.sleep(forTimeInterval: 0.1)
                try client.send("X-Drip: 1\r\n")
                let response = try client.expectResponse()
                let elapsed = ContinuousClock.now - start
                #expect(response.status == 408)
                #expect(client.waitForClose())
                #expect(elapsed >= .milliseconds(250))
                #expect(elapsed < .seconds(2))
            }
        }

        @Test func silentClientIsClosedWithoutAResponse() throws {
            try withServer({ $0.headerReadTimeout = .milliseconds(300) }) { server in
                let client = try RawClient(port: server.port)
                let start = ContinuousClock.now
                #expect(try client.readResponse() == nil)
                #expect(ContinuousClock.now - start >= .milliseconds(250))
            }
        }

        @Test func slowBodyIsCutOffWith408() throws {
            try withServer({ $0.bodyReadTimeout = .milliseconds(300) }) { server in
                let client = try RawClient(port: server.port)
                try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
                #expect(try client.expectResponse().status == 408)
                #expect(client.waitForClose())
            }
        }

        @Test func idleKeepAliveConnectionIsClosed() throws {
            try withServer({ $0.idleTimeout = .milliseconds(300) }) { server in
                let client = try RawClient(port: server.port)
                try client.send(request("GET", "/once"))
                #expect(try client.expectResponse().status == 200)
                let start = ContinuousClock.now
                #expect(client.waitForClose(timeout: .seconds(2)))
                let elapsed = ContinuousClock.now - start
                #expect(elapsed >= .milliseconds(250))
                #expect(elapsed < .seconds(1.5))
            }
        }

        @Test func connectionsBeyondTheLimitAreRefused() throws {
            try withServer({ $0.maxConnections = 2 }) { server in
                let first = try RawClient(port: server.port)
                let second = try RawClient(port: server.port)
                for client in [first, second] {
                    try client.send(request("GET", "/held"))
                    #expect(try client.expectResponse().status == 200)
                }
                let third = try RawClient(port: server.port)
                try? third.send(request("GET", "/refused"))
                if let refused = try? third.readResponse() {
                    #expect(refused.status == 503)
                    #expect(refused.header("Retry-After") == "1")
                }
                #expect(third.waitForClose())

                first.close()
                let accepted = ProcessDescriptors.eventually {
                    guard let client = try? RawClient(port: server.port),
                        (try? client.send(request("GET", "/again"))) != nil
                    else { return false }
                    return (try? client.readResponse())??.status == 200
                }
                #expect(accepted)
            }
        }

        @Test func fullRequestQueueGets503WithRetryAfter() throws {
            let gate = DispatchSemaphore(value: 0)
            let entered = DispatchSemaphore(value: 0)
            let handler: HTTPHandler = { request in
                entered.signal()
                gate.wait()
                return .text(200, request.path)
            }
            try withServer(
                {
                    $0.workerThreads = 1; $0.maxQueuedRequests = 1
                }, handler: handler
            ) { server in
                defer { for _ in 0..<3 { gate.signal() } }
                let running = try RawClient(port: server.port)
                try running.send(request("GET", "/running"))
                #expect(entered.wait(timeout: .now() + 5) == .success)
                let queued = try RawClient(port: server.port)
                try queued.send(request("GET", "/queued"))
                Thread.sleep(forTimeInterval: 0.1)
                let rejected = try RawClient(port: server.port)
                try rejected.send(request("GET", "/rejected"))
                let busy = try rejected.expectResponse()
                #expect(busy.status == 503)
                #expect(busy.header("Retry-After") == "1")
                // Hundreds of pipelined requests answered 503 one after another on the event loop.
                try rejected.send(String(repeating: request("GET", "/pipelined"), count: 500))
                let statuses = try (0..<500).map { _ in try rejected.expectResponse().status }
                #expect(statuses.allSatisfy { $0 == 503 })
                gate.signal()
                gate.signal()
                #expect(try running.expectResponse().text == "/running")
                #expect(try queued.expectResponse().text == "/queued")
            }
        }

        @Test func shutdownFinishesTheRequestInFlight() throws {
            let handler: HTTPHandler = { request in
                Thread.sleep(forTimeInterval: 0.4)
                return .text(200, "finished \(request.path)")
            }
            var configuration = ServerConfiguration()
            configuration.port = 0
            let server = Server(configuration: configuration, logger: quietLogger, handler: handler)
            try server.start()
            let port = server.port
            let busy = try RawClient(port: port)
            let idle = try RawClient(port: port)
            try idle.send(request("GET", "/idle"))
            let idleResponse = try idle.expectResponse()
            #expect(idleResponse.status == 200)
            try busy.send(request("GET", "/slow"))
            Thread.sleep(forTimeInterval: 0.1)

            let stopped = DispatchSemaphore(value: 0)
            let start = ContinuousClock.now
            Thread.detachNewThread {
                server.shutdown(timeout: .seconds(5))
                stopped.signal()
            }
            #expect(idle.waitForClose(timeout: .seconds(1)))
            let response = try busy.expectResponse()
            #expect(response.text == "finished /slow")
            #expect(response.header("Connection") == "close")
            #expect(busy.waitForClose())
            #expect(stopped.wait(timeout: .now() + 5) == .success)
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(throws: (any Error).self) { try RawClient(port: port) }
        }

        @Test func shutdownGivesUpOnAHandlerPastTheTimeout() throws {
            let gate = DispatchSemaphore(value: 0)
            var configuration = ServerConfiguration()
            configuration.port = 0
            let server = Server(configuration: configuration, logger: quietLogger) { _ in
                gate.wait()
                return .text(200, "late")
            }
            try server.start()
            let client = try RawClient(port: server.port)
            try client.send(request("GET", "/stuck"))
            Thread.sleep(forTimeInterval: 0.1)
            let elapsed = ContinuousClock().measure { server.shutdown(timeout: .milliseconds(300)) }
            #expect(elapsed < .seconds(2))
            #expect(client.waitForClose())
            gate.signal()
        }

        @Test func noDescriptorLeaksAcrossManyConnections() throws {
            var listener: Set<String> = []
            try withServer({
                $0.headerReadTimeout = .milliseconds(200)
                $0.maxBodyBytes = 1000
            }) { server in
                let port = server.port
                listener = ProcessDescriptors.serverSocketInodes(port: port)
                #expect(listener.count == 1)
                for round in 0..<60 {
                    let client = try RawClient(port: port)
                    switch round % 6 {
                    case 0:
                        try client.send(request("POST", "/ok", body: "x") + request("GET", "/ok"))
                        _ = try client.expectResponse()
                        _ = try client.expectResponse()
                    case 1:
                        try client.send("BROKEN\r\n\r\n")
                        _ = try? client.readResponse()
                    case 2:
                        try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 500\r\n\r\npartial")
                    case 3:
                        try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n")
                        _ = try? client.readResponse()
                    case 4:
                        try client.send("GET / HTTP/1.1\r\nHost:")
                    default:
                        break
                    }
                    client.close()
                }
                // Every accepted socket is closed (lingering and timed-out ones within their timeouts); only the
                // listener is left.
                #expect(ProcessDescriptors.eventually { ProcessDescriptors.serverSocketInodes(port: port) == listener })
            }
            #expect(!ProcessDescriptors.holdsSocket(inode: listener.first ?? "none"))

            // Each server owns one epoll set and one eventfd; twenty leaking servers would leave forty behind.
            let eventsBefore = ProcessDescriptors.eventDescriptors()
            for _ in 0..<20 {
                try withServer { server in
                    let client = try RawClient(port: server.port)
                    try client.send(request("GET", "/"))
                    _ = try client.expectResponse()
                }
            }
            #expect(ProcessDescriptors.eventDescriptors() - eventsBefore < 10)
        }

        @Test func concurrentKeepAliveClientsAllSucceed() throws {
            try withServer({ $0.workerThreads = 4 }) { server in
                let failures = Guarded(0)
                let port = server.port
                DispatchQueue.concurrentPerform(iterations: 8) { worker in
                    do {
                        let client = try RawClient(port: port)
                        for index in 0..<100 {
                            try client.send(request("POST", "/w\(worker)", body: "\(index)"))
                            if try client.expectResponse().text != "POST /w\(worker) \(index)" {
                                failures.withLock { $0 += 1 }
                            }
                        }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
                #expect(failures.withLock { $0 } == 0)
            }
        }
    }
}
