import HTTPServer
import TestSupport

/// Starts a server on 127.0.0.1 port 0, runs `body`, and always shuts it down.
func withServer<Result>(
    _ configure: (inout ServerConfiguration) -> Void = { _ in },
    errorResponder: (@Sendable (Int, String, HTTPHeaders?) -> HTTPResponse)? = nil,
    observer: (@Sendable (HTTPExchange) -> Void)? = nil,
    handler: @escaping HTTPHandler = echoHandler,
    _ body: (Server) throws -> Result
) throws -> Result {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.workerThreads = 2
    configure(&configuration)
    let server = Server(
        configuration: configuration, logger: quietLogger, handler: handler, errorResponder: errorResponder,
        observer: observer)
    try server.start()
    defer { server.shutdown(timeout: .seconds(2)) }
    return try body(server)
}

/// Answers with the method, the path and the body it received.
let echoHandler: HTTPHandler = { request in
    var response = HTTPResponse(status: 200, body: Array("\(request.method) \(request.path) ".utf8) + request.body)
    response.headers.add("Content-Type", "application/octet-stream")
    return response
}

/// A minimal request with `Host`.
func request(
    _ method: String = "GET", _ target: String = "/", headers: [String] = [], body: String? = nil
) -> String {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    for header in headers { text += header + "\r\n" }
    if let body { text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body } else { text += "\r\n" }
    return text
}
