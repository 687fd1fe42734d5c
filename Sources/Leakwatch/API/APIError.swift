import PromQL
import TimeSeries

/// A failed API request: Prometheus's `errorType`, the message, and the HTTP status its `respondError` sends.
struct APIError: Error, Hashable, CustomStringConvertible {
    /// Prometheus's error categories (`errorType` in the envelope).
    enum Kind: String, Hashable {
        /// A parameter is missing or malformed, or the query does not parse: 400.
        case badData = "bad_data"
        /// The query failed while running: 422.
        case execution
        /// The query ran out of time: 503.
        case timeout
        /// The storage failed: 500.
        case `internal`
        /// The server cannot take the request now (too many concurrent queries): 503.
        case unavailable
        /// Not found: 404.
        case notFound = "not_found"
        /// No valid bearer token (leakwatch's own; Prometheus has no authentication): 401.
        case unauthorized
    }

    /// The category.
    var kind: Kind
    /// The message, in Prometheus's wording where it has one.
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Prometheus's `invalidParamError`: `invalid parameter "step": <reason>`.
    static func invalidParameter(_ name: String, _ reason: String) -> APIError {
        APIError(.badData, "invalid parameter \(GoQuote.quote(name)): \(reason)")
    }

    /// An engine error as Prometheus reports it: parse and type errors are a bad `query` parameter, the rest keep
    /// their category (`execution`, `timeout`, `internal`).
    init(_ error: QueryError) {
        switch error.kind {
        case .parse: self = .invalidParameter("query", error.message)
        case .timeout: self.init(.timeout, error.message)
        case .execution: self.init(.execution, error.message)
        case .storage: self.init(.internal, error.message)
        }
    }

    /// The HTTP status for the category.
    var status: Int {
        switch kind {
        case .badData: 400
        case .execution: 422
        case .timeout, .unavailable: 503
        case .internal: 500
        case .notFound: 404
        case .unauthorized: 401
        }
    }

    /// The message.
    var description: String { message }
}
