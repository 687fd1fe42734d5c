/// Alertmanager's alert fingerprint (Prometheus `model.LabelSet.Fingerprint`): FNV-1a 64 over the label names in
/// byte order, each name and value followed by a 0xFF byte.
enum AlertFingerprint {
    private static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    private static let prime: UInt64 = 1_099_511_628_211

    /// The fingerprint of `labels`.
    static func of(_ labels: [String: String]) -> UInt64 {
        var hash = offsetBasis
        for name in labels.keys.sorted(by: GoText.bytewiseLess) {
            for byte in name.utf8 {
                hash = (hash ^ UInt64(byte)) &* prime
            }
            hash = (hash ^ 0xFF) &* prime
            for byte in (labels[name] ?? "").utf8 {
                hash = (hash ^ UInt64(byte)) &* prime
            }
            hash = (hash ^ 0xFF) &* prime
        }
        return hash
    }

    /// 16 lowercase hex digits, as in the webhook's `fingerprint` field.
    static func text(_ fingerprint: UInt64) -> String {
        let digits = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
