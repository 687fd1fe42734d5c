/// What the parser reports as it goes.
package enum HTTPParserEvent: Sendable, Equatable {
    /// The head is complete; a body may follow. The server answers `100 Continue` here when asked to.
    case head(HTTPRequestHead)
    /// The whole request, head and body, is complete.
    case complete(HTTPParsedRequest)
}
