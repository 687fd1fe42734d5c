/// Routes requests by method and path: exact paths first, then the longest matching prefix.
///
/// Unknown paths get 404; a known path asked with another method gets 405 with `Allow`. A `HEAD` request is
/// served by the `GET` handler when no `HEAD` handler is registered (the server drops the body).
public struct Router: Sendable {
    /// One registered prefix route.
    private struct PrefixRoute: Sendable {
        let prefix: String
        var handlers: [String: HTTPHandler]
    }

    private var exact: [String: [String: HTTPHandler]] = [:]
    /// Longest prefix first.
    private var prefixes: [PrefixRoute] = []

    /// Creates an empty router (everything is 404).
    public init() {}

    /// Registers `handler` for `method` on exactly `path` (no query); a later registration replaces an earlier one.
    public mutating func add(_ method: String, _ path: String, _ handler: @escaping HTTPHandler) {
        exact[path, default: [:]][method] = handler
    }

    /// Registers `handler` for `method` on every path starting with `prefix`, e.g. `"/api/v1/label/"`.
    public mutating func addPrefix(_ method: String, _ prefix: String, _ handler: @escaping HTTPHandler) {
        if let index = prefixes.firstIndex(where: { $0.prefix == prefix }) {
            prefixes[index].handlers[method] = handler
        } else {
            prefixes.append(PrefixRoute(prefix: prefix, handlers: [method: handler]))
            prefixes.sort { $0.prefix.utf8.count > $1.prefix.utf8.count }
        }
    }

    /// Answers `request` with the matching handler, or 404 / 405.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if let handlers = exact[request.path] {
            return dispatch(request, handlers)
        }
        if let route = prefixes.first(where: { request.path.utf8.starts(with: $0.prefix.utf8) }) {
            return dispatch(request, route.handlers)
        }
        return .text(404, "not found: \(request.path)\n")
    }

    private func dispatch(_ request: HTTPRequest, _ handlers: [String: HTTPHandler]) -> HTTPResponse {
        if let handler = handlers[request.method] ?? (request.method == "HEAD" ? handlers["GET"] : nil) {
            return handler(request)
        }
        var allowed = Set(handlers.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        var response = HTTPResponse.text(405, "method \(request.method) not allowed for \(request.path)\n")
        response.headers.add("Allow", allowed.sorted().joined(separator: ", "))
        return response
    }
}
