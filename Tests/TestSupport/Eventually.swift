import Foundation

/// Polls `condition` every `poll` seconds until it holds or `seconds` pass; returns whether it held (checked once
/// more at the deadline). For tests waiting on other threads, processes or servers.
public func eventually(
    _ seconds: Double = 15, poll: Double = 0.05, _ condition: () throws -> Bool
) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: poll)
    }
    return try condition()
}
