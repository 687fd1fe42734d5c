/// An object key as read from the body, compared against key spellings without building a `String`.
///
/// Keys without escapes point straight into the body; a key with escapes is decoded once. A `switch` over a key
/// matches with `case "timeUnixNano", "time_unix_nano":` through the `~=` below.
enum JSONKey {
    /// The raw UTF-8 bytes of a key without escapes (valid while the body is).
    case raw(UnsafeBufferPointer<UInt8>)
    /// A key that contained escapes, decoded.
    case decoded(String)

    /// Whether the key equals `pattern` byte for byte.
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        pattern.withUTF8Buffer { expected in
            switch key {
            case .raw(let bytes): bytes.elementsEqual(expected)
            case .decoded(let string): string.utf8.elementsEqual(expected)
            }
        }
    }
}
