/// Signs webhook requests so receivers can check they come from leakwatch and were not altered.
///
/// Scheme (for receivers): when a receiver has `hmac_secret`, each request carries
///
///     X-Leakwatch-Timestamp: <unix seconds when the notification was created>
///     X-Leakwatch-Signature: sha256=<lowercase hex of HMAC-SHA256(key: UTF-8 bytes of the secret, message: body)>
///
/// The MAC covers the exact request body bytes (and nothing else); verify it over the raw body before parsing the
/// JSON, compare in constant time, and reject mismatches. The timestamp is the notification's creation time, so a
/// retried notification (same body, same `Idempotency-Key`) carries the same timestamp and signature; use
/// `Idempotency-Key` to drop duplicates. Because the timestamp is not covered by the MAC, check freshness against the
/// alerts' own times if replay protection matters.
public struct WebhookSigner: Sendable {
    /// The signature header's name.
    public static let signatureHeader = "X-Leakwatch-Signature"
    /// The timestamp header's name.
    public static let timestampHeader = "X-Leakwatch-Timestamp"

    private let key: [UInt8]

    /// A signer with a text secret (its UTF-8 bytes are the key).
    public init(secret: String) {
        key = Array(secret.utf8)
    }

    /// A signer with a raw key.
    public init(key: [UInt8]) {
        self.key = key
    }

    /// HMAC-SHA256 of `message` under `key` (libcrypto).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Digest.hmacSHA256(key: key, message: message)
    }

    /// `sha256=<lowercase hex HMAC>` for `body`.
    public func signature(for body: [UInt8]) -> String {
        "sha256=" + Digest.hex(Self.hmacSHA256(key: key, message: body))
    }

    /// The two headers for `body`, created at `createdAt` (ms since the epoch).
    public func headers(for body: [UInt8], createdAt: Int64) -> [HTTPHeaderField] {
        let seconds = createdAt >= 0 ? createdAt / 1000 : (createdAt - 999) / 1000
        return [
            HTTPHeaderField(Self.timestampHeader, String(seconds)),
            HTTPHeaderField(Self.signatureHeader, signature(for: body)),
        ]
    }

    /// Whether `header` (an `X-Leakwatch-Signature` value) is the signature of `body`; constant-time comparison.
    public func verify(signatureHeader header: String, body: [UInt8]) -> Bool {
        let expected = Array(signature(for: body).utf8)
        let given = Array(header.utf8)
        guard expected.count == given.count else {
            return false
        }
        var difference: UInt8 = 0
        for index in expected.indices {
            difference |= expected[index] ^ given[index]
        }
        return difference == 0
    }
}
