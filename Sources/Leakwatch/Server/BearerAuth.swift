/// Bearer-token checks in constant time, so response timing does not reveal how much of a guess was right.
struct BearerAuth: Sendable {
    private let tokens: [[UInt8]]

    init(tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
    }

    /// Whether requests need a token at all.
    var isEnabled: Bool { !tokens.isEmpty }

    /// Whether an `Authorization` header value carries one of the tokens (always true when none are configured).
    func allows(_ authorization: String?) -> Bool {
        guard isEnabled else { return true }
        guard let authorization, authorization.count > 7,
            authorization.prefix(7).lowercased() == "bearer "
        else { return false }
        let presented = Array(authorization.utf8.dropFirst(7))
        var matched = false
        for token in tokens {
            // Every token is compared over its full length whatever the outcome, and every byte is visited.
            var difference = UInt8(truncatingIfNeeded: token.count ^ presented.count)
            for index in 0..<token.count {
                difference |= token[index] ^ (index < presented.count ? presented[index] : 0)
            }
            matched = matched || difference == 0
        }
        return matched
    }
}
