import Logging

/// Everything the event loop thread needs, created by `Server.start()`.
struct LoopContext: Sendable {
    /// The configuration.
    let configuration: ServerConfiguration
    /// The logger.
    let logger: Logger
    /// The listening socket (the loop closes it).
    let listener: Int32
    /// The epoll set (the loop closes it).
    let epoll: Epoll
    /// Worker results and the shutdown request (the server closes it).
    let mailbox: Mailbox
    /// The workers.
    let pool: WorkerPool
    /// Handler, error responses and exchange reporting.
    let processor: RequestProcessor
}
