/// Byte sizes as written in the config: `1048576`, `512KiB`, `64MiB`, `1GB`.
enum ByteSize {
    private static let suffixes: [(String, Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ("B", 1),
    ]

    /// The number of bytes, or nil when `text` is not a size.
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        for (suffix, multiplier) in suffixes where trimmed.hasSuffix(suffix) {
            guard let number = Int(trimmed.dropLast(suffix.count).trimmingSpaces()), number >= 0 else { return nil }
            let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
            return overflow ? nil : bytes
        }
        return Int(trimmed).flatMap { $0 >= 0 ? $0 : nil }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
