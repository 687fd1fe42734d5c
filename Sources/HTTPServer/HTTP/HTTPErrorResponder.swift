/// Builds the response for an error the server generates itself (status, a one-line message, and the request's
/// header fields when they could be read), so an application can answer in its own format.
public typealias HTTPErrorResponder =
    @Sendable (_ status: Int, _ message: String, _ requestHeaders: HTTPHeaders?) -> HTTPResponse
