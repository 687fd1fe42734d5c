/// Answers one request. Runs on a server worker thread; it may block (e.g. on a store append) but not forever,
/// since a graceful shutdown waits for running handlers.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse
