import Testing

@testable import Leakwatch

struct BearerAuthTests {
    @Test func noTokensMeansOpen() {
        let auth = BearerAuth(tokens: [])
        #expect(!auth.isEnabled)
        #expect(auth.allows(nil))
        #expect(auth.allows("Bearer anything"))
    }

    @Test(arguments: [
        ("Bearer alpha", true), ("bearer beta", true), ("BEARER alpha", true), ("Bearer alph", false),
        ("Bearer alphaa", false), ("Bearer ", false), ("Basic alpha", false), ("alpha", false), ("Bearer gamma", false),
    ])
    func onlyConfiguredTokensPass(header: String, allowed: Bool) {
        let auth = BearerAuth(tokens: ["alpha", "beta"])
        #expect(auth.allows(header) == allowed, "\(header)")
        #expect(!auth.allows(nil))
    }
}
