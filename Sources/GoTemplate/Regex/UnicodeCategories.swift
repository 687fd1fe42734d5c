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
