/// Finds the empty line that ends a header or trailer section, scanning each byte once across any split of inputs.
struct SectionScanner: Sendable {
    /// Bytes of the section scanned so far.
    private(set) var bytes = 0
    /// Bytes of the current line so far, a trailing CR included.
    private var lineBytes = 0
    private var lastWasCR = false
    /// Whether an empty line ends the section now; for a head, only after the request line (leading empty lines
    /// are allowed by RFC 9112 §2.2).
    private var sawContent: Bool

    /// Creates a scanner; `endsOnFirstEmptyLine` for trailer sections, `false` for heads.
    init(endsOnFirstEmptyLine: Bool) {
        sawContent = endsOnFirstEmptyLine
    }

    /// Scans `input`; returns the offset just past the LF that ends the section, or `nil` when all was scanned.
    ///
    /// - Throws: `.headersTooLarge` as soon as the section exceeds `limit` bytes.
    mutating func scan(_ input: UnsafeRawBufferPointer, limit: Int) throws(HTTPParserError) -> Int? {
        for index in 0..<input.count {
            bytes += 1
            guard bytes <= limit else { throw .headersTooLarge(limit: limit) }
            let byte = input[index]
            if byte == ASCII.lf {
                let isEmpty = lineBytes == 0 || (lineBytes == 1 && lastWasCR)
                if isEmpty, sawContent { return index + 1 }
                if !isEmpty { sawContent = true }
                lineBytes = 0
                lastWasCR = false
            } else {
                lineBytes += 1
                lastWasCR = byte == ASCII.cr
            }
        }
        return nil
    }
}
