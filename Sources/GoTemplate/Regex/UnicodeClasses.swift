import Foundation

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

/// Unicode script classes (`\p{Greek}`): the code point ranges of a script (the `Script` property, as Go's
/// `unicode.Scripts`), computed once per script with Swift Regex's property support and cached.
enum UnicodeScripts {
    /// The scripts Go's `unicode.Scripts` table knows.
    static let names: Set<String> = [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah",
        "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal",
        "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform",
        "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
        "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha",
        "Greek",
        "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
        "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese",
        "Kaithi", "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki",
        "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
        "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
        "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani",
        "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
        "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic",
        "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya",
        "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic",
        "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng",
        "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet",
        "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto",
        "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    ]

    private static let cache = ScriptCache()

    /// The ranges of script `name`, or nil when Go does not know the script.
    static func ranges(_ name: String) -> [ClosedRange<UInt32>]? {
        guard names.contains(name) else { return nil }
        if let cached = cache.lookup(name) { return cached }
        let computed = compute(name)
        cache.store(name, computed)
        return computed
    }

    private static func compute(_ name: String) -> [ClosedRange<UInt32>] {
        guard let regex = try? Regex("\\p{sc=\(name)}+").matchingSemantics(.unicodeScalar) else { return [] }
        var values: [UInt32] = []
        var view = String.UnicodeScalarView()
        for value in Array(0...0x3FFFF) + Array(0xE0000...0xE01EF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            values.append(UInt32(value))
            view.append(scalar)
        }
        let text = String(view)
        let scalars = text.unicodeScalars
        var ranges: [ClosedRange<UInt32>] = []
        var position = scalars.startIndex
        var offset = 0
        for match in text.matches(of: regex) {
            offset += scalars.distance(from: position, to: match.range.lowerBound)
            position = match.range.lowerBound
            let length = scalars.distance(from: match.range.lowerBound, to: match.range.upperBound)
            for value in values[offset..<(offset + length)] {
                if let last = ranges.last, last.upperBound + 1 == value {
                    ranges[ranges.count - 1] = last.lowerBound...value
                } else {
                    ranges.append(value...value)
                }
            }
        }
        return ranges
    }
}

private final class ScriptCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [ClosedRange<UInt32>]] = [:]

    func lookup(_ name: String) -> [ClosedRange<UInt32>]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[name]
    }

    func store(_ name: String, _ ranges: [ClosedRange<UInt32>]) {
        lock.lock()
        defer { lock.unlock() }
        entries[name] = ranges
    }
}

/// Go's general category names for `\pX` / `\p{Xy}`.
enum UnicodeCategories {
    private static let letters: [String: Unicode.GeneralCategory] = [
        "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter,
        "Lo": .otherLetter, "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark, "Nd": .decimalNumber,
        "Nl": .letterNumber, "No": .otherNumber, "Pc": .connectorPunctuation, "Pd": .dashPunctuation,
        "Ps": .openPunctuation, "Pe": .closePunctuation, "Pi": .initialPunctuation, "Pf": .finalPunctuation,
        "Po": .otherPunctuation, "Sm": .mathSymbol, "Sc": .currencySymbol, "Sk": .modifierSymbol, "So": .otherSymbol,
        "Zs": .spaceSeparator, "Zl": .lineSeparator, "Zp": .paragraphSeparator, "Cc": .control, "Cf": .format,
        "Co": .privateUse, "Cs": .surrogate,
    ]

    /// The categories a Go category name stands for (`L` is every `L*`).
    static func categories(_ name: String) -> Set<Unicode.GeneralCategory>? {
        if let single = letters[name] { return [single] }
        guard name.count == 1 else { return nil }
        let members = letters.filter { $0.key.hasPrefix(name) }.map(\.value)
        return members.isEmpty ? nil : Set(members)
    }
}
