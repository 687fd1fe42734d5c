/// The limits `HTTPRequestParser` enforces, each answered with its own status.
package struct HTTPParserLimits: Sendable {
    /// Bytes of the request line, header fields and the empty line that ends them (and, separately, of a chunked
    /// body's trailer section); over it → 431.
    package var maxHeaderBytes: Int
    /// Header fields per request (and per trailer section); over it → 431.
    package var maxHeaderCount: Int
    /// Body bytes, declared by `Content-Length` or accumulated from chunks; over it → 413 before reading them.
    package var maxBodyBytes: Int
    /// Bytes of one chunk-size line including chunk extensions; over it → 400.
    package var maxChunkLineBytes: Int

    /// Creates limits; the defaults match `ServerConfiguration`.
    package init(
        maxHeaderBytes: Int = 16 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 64 * 1024 * 1024,
        maxChunkLineBytes: Int = 4096
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineBytes = maxChunkLineBytes
    }
}
