import TimeSeries

/// A small set of label names searched linearly: the `by`/`without`/`on`/`ignoring` lists have a handful of
/// entries, for which comparing strings is cheaper than hashing each label name of each element.
struct LabelNameSet {
    /// The distinct names.
    let names: [String]

    /// The set of `names`.
    init(_ names: some Sequence<String>) {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        self.names = unique
    }

    /// Whether the set has no names.
    var isEmpty: Bool { names.isEmpty }

    /// Whether `name` is in the set.
    @inline(__always)
    func contains(_ name: String) -> Bool {
        for candidate in names where candidate == name { return true }
        return false
    }

    /// `labels` with only the labels in the set.
    func keeping(_ labels: Labels) -> Labels {
        Labels(sortedUnique: labels.labels.filter { contains($0.name) })
    }

    /// `labels` without the labels in the set (the same value when it has none of them).
    func removing(_ labels: Labels) -> Labels {
        guard labels.contains(where: { contains($0.name) }) else { return labels }
        return Labels(sortedUnique: labels.labels.filter { !contains($0.name) })
    }
}
