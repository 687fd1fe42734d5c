import Foundation

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
