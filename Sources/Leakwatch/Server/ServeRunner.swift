import Dispatch
import Foundation
public import Logging
import Storage

/// Runs `leakwatch serve`: starts the server and stops it gracefully on SIGTERM or SIGINT.
public enum ServeRunner {
    /// glibc malloc arenas for the server. By default glibc opens one per thread that meets contention, up to
    /// eight per core, and each keeps the peak of what its threads freed: with 24 HTTP workers taking turns at
    /// queries the resident size grew with every query (345 MB after 21 queries over 10,000 series, 125 MB with
    /// two arenas, 104 MB with one). Two keep ingest and queries from contending on a single lock.
    static let mallocArenas = 2

    /// Serves until SIGTERM/SIGINT, then finishes requests in flight, moves the head to disk and returns.
    ///
    /// - Throws: when the store cannot be opened or the address cannot be bound; nothing is left running then.
    public static func run(config: LeakwatchConfig, logger: Logger) throws {
        ProcessMemory.limitArenas(mallocArenas)
        let server = try LeakwatchServer(config: config, logger: logger)
        do {
            try server.start()
        } catch {
            server.store.close()
            throw error
        }
        let stop = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "leakwatch.signals")
        let sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                logger.info("received \(number == SIGTERM ? "SIGTERM" : "SIGINT")")
                stop.signal()
            }
            source.resume()
            return source
        }
        signal(SIGHUP, SIG_IGN)
        let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        reload.setEventHandler {
            logger.info("received SIGHUP: reloading the rule files")
            server.reloadRules()
        }
        reload.resume()
        stop.wait()
        reload.cancel()
        server.shutdown()
        sources.forEach { $0.cancel() }
    }
}
