/// A chunk whose bytes cannot be decoded.
public enum ChunkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data ends before the encoded sample count is reached.
    case truncated
    /// The data is not a valid chunk.
    case corrupt(String)

    /// A readable form for logs and messages.
    public var description: String {
        switch self {
        case .truncated: "chunk data truncated"
        case .corrupt(let reason): "corrupt chunk: \(reason)"
        }
    }
}
