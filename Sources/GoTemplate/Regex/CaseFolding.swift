/// Simple case folding (Go's `unicode.SimpleFold` orbits), computed from the scalar case mappings.
enum CaseFolding {
    /// The representative of a scalar's fold orbit: the single-scalar lowercase of its single-scalar uppercase.
    static func key(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value), value != 0x130, value != 0x131 else { return value }
        let upper = single(scalar.properties.uppercaseMapping) ?? scalar
        return (single(upper.properties.lowercaseMapping) ?? upper).value
    }

    private static func single(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    /// Orbits with more than one member, by key.
    private static let orbits: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value),
                scalar.properties.changesWhenCaseMapped || scalar.properties.isCased
            else { continue }
            table[key(value), default: []].append(value)
        }
        return table.filter { $0.value.count > 1 }
    }()

    /// Every scalar that folds together with `value` (including itself).
    static func orbit(_ value: UInt32) -> [UInt32] {
        orbits[key(value)] ?? [value]
    }
}
