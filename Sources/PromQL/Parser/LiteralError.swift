/// Why a number or duration literal is invalid, in Prometheus's words.
struct LiteralError: Error, Sendable, Hashable {
    /// The message, e.g. `not a valid duration string: "5m1h"`.
    var message: String
}
