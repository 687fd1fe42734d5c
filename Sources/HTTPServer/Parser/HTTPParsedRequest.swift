/// A complete request: its head and its de-chunked (still encoded) body.
package struct HTTPParsedRequest: Sendable, Equatable {
    /// The head.
    package var head: HTTPRequestHead
    /// The body bytes exactly as framed on the wire, without chunk framing.
    package var body: [UInt8]
}
