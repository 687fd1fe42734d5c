/// A set of code points: sorted ranges plus Unicode property tests, optionally case-folded and negated.
struct CodePointSet: Sendable {
    /// Sorted, non-overlapping ranges.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    var properties: [UnicodeProperty] = []
    var negated = false
    var foldCase = false

    init() {}

    init(_ scalar: UInt32, foldCase: Bool) {
        ranges = [scalar...scalar]
        self.foldCase = foldCase
    }

    init(ranges: [ClosedRange<UInt32>]) {
        for range in ranges { add(range) }
    }

    /// Every code point except `\n` (`.` without the `s` flag), or every code point.
    static func anyCharacter(includingNewline: Bool) -> CodePointSet {
        includingNewline ? CodePointSet(ranges: [0...0x10FFFF]) : CodePointSet(ranges: [0...9, 11...0x10FFFF])
    }

    mutating func add(_ range: ClosedRange<UInt32>) {
        var merged = range
        var result: [ClosedRange<UInt32>] = []
        result.reserveCapacity(ranges.count + 1)
        var inserted = false
        for existing in ranges {
            if existing.upperBound &+ 1 < merged.lowerBound {
                result.append(existing)
            } else if merged.upperBound &+ 1 < existing.lowerBound {
                if !inserted {
                    result.append(merged)
                    inserted = true
                }
                result.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        if !inserted { result.append(merged) }
        ranges = result
    }

    /// Adds every member of `other` (merged when it is a plain set with the same folding, nested otherwise).
    mutating func add(_ other: CodePointSet) {
        if other.negated || other.foldCase != foldCase {
            properties.append(.set(other))
            return
        }
        for range in other.ranges { add(range) }
        properties.append(contentsOf: other.properties)
    }

    private func baseContains(_ scalar: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if scalar < range.lowerBound {
                high = middle - 1
            } else if scalar > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return properties.contains { $0.contains(scalar) }
    }

    func contains(_ scalar: UInt32) -> Bool {
        var found = baseContains(scalar)
        if !found && foldCase {
            found = CaseFolding.orbit(scalar).contains { $0 != scalar && baseContains($0) }
        }
        return found != negated
    }
}
