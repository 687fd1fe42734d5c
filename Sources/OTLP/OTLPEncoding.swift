/// Body encodings of OTLP/HTTP (reference/otlp.md §1.2).
public enum OTLPEncoding: Sendable, Hashable {
    /// Binary protobuf, `application/x-protobuf`.
    case protobuf
    /// OTLP/JSON, `application/json`.
    case json

    /// The encoding named by a Content-Type header value: parameters (`; charset=utf-8`) are stripped, whitespace is
    /// trimmed and the media type compared case-insensitively; nil for unsupported types (answer 415).
    public init?(contentType: String) {
        var mediaType = Array(contentType.utf8.prefix { $0 != UInt8(ascii: ";") })
        while let first = mediaType.first, first == 0x20 || first == 0x09 { mediaType.removeFirst() }
        while let last = mediaType.last, last == 0x20 || last == 0x09 { mediaType.removeLast() }
        let lowercased = mediaType.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        switch String(decoding: lowercased, as: UTF8.self) {
        case "application/x-protobuf": self = .protobuf
        case "application/json": self = .json
        default: return nil
        }
    }

    /// The Content-Type to answer with: the bare media type, as the Collector's exporter requires.
    public var contentType: String {
        switch self {
        case .protobuf: "application/x-protobuf"
        case .json: "application/json"
        }
    }
}
