import Testing

@testable import Notify

@Suite("Webhook signer")
struct WebhookSignerTests {
    private static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return result
    }

    @Test(
        "HMAC-SHA256 matches RFC 4231 test cases 1-4, 6, 7",
        arguments: [
            (
                [UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                Array(1...25), [UInt8](repeating: 0xCD, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                [UInt8](repeating: 0xAA, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                [UInt8](repeating: 0xAA, count: 131),
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. The key "
                        + "needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ])
    func rfc4231(key: [UInt8], message: [UInt8], expected: String) {
        #expect(WebhookSigner.hmacSHA256(key: key, message: message) == Self.bytes(expected))
    }

    @Test("RFC 4231 case 5: the first 128 bits of the MAC")
    func truncatedCase() {
        let mac = WebhookSigner.hmacSHA256(
            key: [UInt8](repeating: 0x0C, count: 20), message: Array("Test With Truncation".utf8))
        #expect(Array(mac.prefix(16)) == Self.bytes("a3b6167473100ee06e0c796c2955552b"))
    }

    @Test("empty key and message still sign; headers carry sha256=<hex> and unix seconds; verify is exact")
    func headers() {
        #expect(
            WebhookSigner(secret: "").signature(for: [])
                == "sha256=b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        let signer = WebhookSigner(secret: "s3cret")
        let body = Array("{\"a\":1}\n".utf8)
        let headers = signer.headers(for: body, createdAt: 1_777_889_700_999)
        #expect(
            headers == [
                HTTPHeaderField("X-Leakwatch-Timestamp", "1777889700"),
                HTTPHeaderField(
                    "X-Leakwatch-Signature", "sha256=015557de5463cb8cd33338a9acf30081fd629d849d401e1d1b89eb16de83586f"),
            ])
        #expect(signer.verify(signatureHeader: headers[1].value, body: body))
        #expect(!signer.verify(signatureHeader: headers[1].value, body: Array("{\"a\":2}\n".utf8)))
        #expect(!WebhookSigner(secret: "other").verify(signatureHeader: headers[1].value, body: body))
    }

    @Test("SHA-256 and base64 helpers")
    func helpers() {
        #expect(Digest.hex(Digest.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.base64(Array("user:pa ss".utf8)) == "dXNlcjpwYSBzcw==")
        #expect(Digest.base64(Array("ab".utf8)) == "YWI=")
        #expect(Digest.base64(Array("a".utf8)) == "YQ==")
        #expect(Digest.base64([]) == "")
    }
}
