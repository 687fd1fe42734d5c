#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A test script that could not be read.
public struct PromQLTestFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// The system's reason, e.g. `No such file or directory`.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot read <path>: <reason>`.
    public var description: String { "cannot read \(path): \(reason)" }

    /// The whole file as UTF-8 text (invalid bytes are replaced).
    static func read(_ path: String) throws(PromQLTestFileError) -> String {
        guard let file = fopen(path, "rb") else {
            throw PromQLTestFileError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                if ferror(file) != 0 {
                    throw PromQLTestFileError(path: path, reason: String(cString: strerror(errno)))
                }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
