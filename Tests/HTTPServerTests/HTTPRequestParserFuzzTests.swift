import HTTPServer
import TestSupport
import Testing

/// Property tests: arbitrary and mutated input never crashes the parser, always ends in a valid status, and gives
/// the same outcome however it is split.
struct HTTPRequestParserFuzzTests {
    static let limits = HTTPParserLimits(maxHeaderBytes: 512, maxHeaderCount: 16, maxBodyBytes: 256)

    static let seeds: [String] = [
        "GET /a?b=c HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
        "POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nContent-Encoding: gzip\r\n\r\n0123456789",
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
            + "4;e=1\r\nwiki\r\n5\r\npedia\r\n0\r\nT: 1\r\n\r\n",
        "GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n",
    ]

    /// Checks the invariants for one input; returns false (after recording) on the first violation.
    static func check(_ bytes: [UInt8], random: inout SplitMix64) -> Bool {
        let whole = parse(bytes, limits: limits)
        if let error = whole.error, !(400..<600).contains(error.status) {
            Issue.record("status \(error.status) for \(error)")
            return false
        }
        for request in whole.requests where request.body.count > limits.maxBodyBytes {
            Issue.record("body of \(request.body.count) bytes passed the limit")
            return false
        }
        let cuts = randomCuts(bytes.count, using: &random)
        let split = parse(bytes, limits: limits, cuts: cuts)
        if split != whole {
            Issue.record("split \(cuts) of \(bytes) gave \(split), one piece gave \(whole)")
            return false
        }
        return true
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 1)
        let alphabet = Array(
            "GET POST HTTP/1.1\r\n:; -0123456789abcdefHost: Content-Length Transfer-Encoding chunked".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...300, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random)!
            }
            guard Self.check(bytes, random: &random) else { return }
        }
    }

    @Test func mutatedValidRequestsNeverCrash() {
        var random = SplitMix64(seed: 2)
        let interesting = Array("\r\n:; \t0\u{0}\u{7f}\u{ff}Ff,".utf8)
        for iteration in 0..<6000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                case 1: bytes.insert(interesting.randomElement(using: &random)!, at: index)
                case 2: if bytes.count > 1 { bytes.remove(at: index) }
                case 3: bytes[index] = interesting.randomElement(using: &random)!
                default:
                    let end = min(bytes.count, index + Int.random(in: 1...20, using: &random))
                    bytes.insert(contentsOf: bytes[index..<end], at: index)
                }
            }
            guard Self.check(bytes, random: &random) else { return }
        }
    }

    @Test func truncatedRequestsWaitForMoreWithoutError() {
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            for length in 0..<bytes.count {
                let outcome = parse(Array(bytes[..<length]), limits: Self.limits)
                #expect(outcome.error == nil, "prefix \(length) of \(seed.debugDescription)")
            }
        }
    }
}
