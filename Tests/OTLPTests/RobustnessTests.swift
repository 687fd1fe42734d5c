import OTLP
import TestSupport
import Testing

/// Hostile input never crashes the decoder or the translator: it either decodes (and translates) or throws
/// `OTLPDecodeError`.
@Suite("Robustness")
struct RobustnessTests {
    /// Decodes and, when that works, translates; returns whether decoding succeeded.
    @discardableResult
    static func survive(_ bytes: [UInt8], _ encoding: OTLPEncoding, translator: MetricsTranslator) -> Bool {
        do {
            let request = try OTLPDecoder.decodeMetrics(bytes, encoding: encoding)
            let translation = translator.translate(request)
            #expect(translation.rejectedDataPoints <= translation.dataPoints)
            return true
        } catch {
            #expect(!error.message.isEmpty)
            return false
        }
    }

    static func encoding(of name: String) -> OTLPEncoding {
        name.hasSuffix(".pb") ? .protobuf : .json
    }

    @Test("every truncation of every fixture", arguments: Fixtures.protobufNames + Fixtures.jsonNames)
    func truncations(name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let encoding = RobustnessTests.encoding(of: name)
        let translator = MetricsTranslator(options: TranslationOptions())
        var decoded = 0
        for length in 0..<bytes.count {
            if RobustnessTests.survive(Array(bytes[..<length]), encoding, translator: translator) { decoded += 1 }
        }
        #expect(RobustnessTests.survive(bytes, encoding, translator: translator))
        if encoding == .json {
            // A JSON prefix is never a complete document (the fixtures end in "}\n").
            #expect(decoded <= 1)
        }
    }

    @Test("every single-bit flip of the protobuf fixtures", arguments: Fixtures.protobufNames)
    func protobufBitFlips(name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let translator = MetricsTranslator(options: TranslationOptions())
        for index in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= UInt8(1 << bit)
                RobustnessTests.survive(flipped, .protobuf, translator: translator)
            }
        }
    }

    @Test("random bit flips of the JSON fixtures", arguments: Fixtures.jsonNames)
    func jsonBitFlips(name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let translator = MetricsTranslator(options: TranslationOptions())
        var random = SplitMix64(seed: 0xF11F_0000 ^ UInt64(bytes.count))
        for _ in 0..<3_000 {
            var flipped = bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                flipped[Int.random(in: 0..<flipped.count, using: &random)] ^= UInt8(
                    1
                        << Int.random(
                            in: 0..<8,
                            using: &random))
            }
            RobustnessTests.survive(flipped, .json, translator: translator)
        }
    }

    @Test("random bytes", arguments: [OTLPEncoding.protobuf, .json])
    func randomBytes(encoding: OTLPEncoding) {
        var random = SplitMix64(seed: 0xB17E_5000)
        let translator = MetricsTranslator(options: TranslationOptions())
        let alphabet = Array(#"{}[]":,0123456789.-eE truefalsnul\"#.utf8)
        for round in 0..<20_000 {
            let count = Int.random(in: 0...96, using: &random)
            let bytes: [UInt8] = (0..<count).map { _ in
                // Half the JSON rounds draw from JSON's own characters so they get past the first byte.
                if encoding == .json, round % 2 == 0 {
                    return alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                }
                return UInt8.random(in: 0...255, using: &random)
            }
            RobustnessTests.survive(bytes, encoding, translator: translator)
        }
    }

    @Test func structuredMutationsOfRandomRequests() {
        var requests = RandomRequests(seed: 0x5EED_0003)
        var random = SplitMix64(seed: 0x5EED_0004)
        let translator = MetricsTranslator(options: TranslationOptions())
        let protobuf = ProtobufRequestEncoder(packed: true, unknownFields: true)
        let json = JSONRequestEncoder(snakeCase: true, int64AsNumbers: true, enumNames: true)
        for _ in 0..<200 {
            let request = requests.request()
            for (encoding, bytes) in [(OTLPEncoding.protobuf, protobuf.encode(request)), (.json, json.encode(request))]
            where !bytes.isEmpty {
                for _ in 0..<10 {
                    var mutated = bytes
                    let index = Int.random(in: 0..<mutated.count, using: &random)
                    switch Int.random(in: 0...2, using: &random) {
                    case 0: mutated[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: mutated.remove(at: index)
                    default: mutated.insert(UInt8.random(in: 0...255, using: &random), at: index)
                    }
                    RobustnessTests.survive(mutated, encoding, translator: translator)
                }
            }
        }
    }
}
