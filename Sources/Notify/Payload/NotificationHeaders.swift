/// The request headers of a notification.
enum NotificationHeaders {
    /// `Content-Type`, `User-Agent: leakwatch/<version>`, the receiver's custom headers (sorted by name; one named
    /// like an earlier header replaces it), `Authorization` when configured, the HMAC headers when `hmacSecret` is
    /// set, and `Idempotency-Key`.
    static func build(
        receiver: ReceiverConfig, version: String, body: [UInt8], idempotencyKey: String, createdAt: Int64
    ) -> [HTTPHeaderField] {
        var headers = [
            HTTPHeaderField("Content-Type", "application/json"),
            HTTPHeaderField("User-Agent", "leakwatch/" + version),
        ]
        for name in receiver.headers.keys.sorted(by: GoText.bytewiseLess) {
            set(&headers, HTTPHeaderField(name, receiver.headers[name] ?? ""))
        }
        switch receiver.authentication {
        case .bearer(let token):
            set(&headers, HTTPHeaderField("Authorization", "Bearer " + token))
        case .basic(let username, let password):
            let credentials = Digest.base64(Array((username + ":" + password).utf8))
            set(&headers, HTTPHeaderField("Authorization", "Basic " + credentials))
        case nil:
            break
        }
        if let secret = receiver.hmacSecret {
            for header in WebhookSigner(secret: secret).headers(for: body, createdAt: createdAt) {
                set(&headers, header)
            }
        }
        set(&headers, HTTPHeaderField("Idempotency-Key", idempotencyKey))
        return headers
    }

    /// Replaces a header of the same name (case-insensitive) in place, or appends.
    private static func set(_ headers: inout [HTTPHeaderField], _ header: HTTPHeaderField) {
        if let index = headers.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
            headers[index] = header
        } else {
            headers.append(header)
        }
    }
}
