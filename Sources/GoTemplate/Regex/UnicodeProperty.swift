/// A Unicode category test (`\pL`) or a nested set.
enum UnicodeProperty: Sendable {
    case categories(Set<Unicode.GeneralCategory>)
    indirect case set(CodePointSet)

    func contains(_ scalar: UInt32) -> Bool {
        guard let value = Unicode.Scalar(scalar) else { return false }
        switch self {
        case .categories(let categories):
            return categories.contains(value.properties.generalCategory)
        case .set(let set):
            return set.contains(scalar)
        }
    }
}
