import Foundation
public import Logging

/// A fresh directory under the system temp dir, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates the directory; `name` (the calling function by default) makes it recognizable.
    public init(_ name: String = #function) {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "leakwatch-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A logger that keeps test output readable: only errors.
public let quietLogger: Logger = {
    var logger = Logger(label: "leakwatch.test")
    logger.logLevel = .error
    return logger
}()
