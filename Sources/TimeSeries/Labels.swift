/// A sorted, immutable set of labels identifying one series.
///
/// Labels are kept sorted by name; a label with an empty value is dropped (Prometheus treats an empty value as an
/// absent label) and when a name repeats the last value wins. The hash is computed once at construction, so
/// dictionary lookups and equality checks on unequal label sets are cheap. Copies share storage.
public struct Labels: Sendable {
    /// The reserved label that carries the metric name.
    public static let metricNameLabel = "__name__"

    @usableFromInline let storage: [Label]
    @usableFromInline let hash: Int

    /// The empty label set.
    public static let empty = Labels(sortedUnique: [])

    /// Creates a label set from labels in any order.
    ///
    /// Empty values are dropped; for repeated names the last one given wins.
    public init(_ labels: [Label]) {
        var sorted = labels
        // A stable sort keeps repeated names in input order, so "last wins" is simply the last of each run.
        if !sorted.isSorted() {
            sorted = sorted.enumerated()
                .sorted {
                    $0.element.name != $1.element.name ? $0.element.name < $1.element.name : $0.offset < $1.offset
                }
                .map(\.element)
        }
        var result: [Label] = []
        result.reserveCapacity(sorted.count)
        for label in sorted {
            if let last = result.last, last.name == label.name {
                result.removeLast()
            }
            result.append(label)
        }
        result.removeAll { $0.value.isEmpty }
        self.init(sortedUnique: result)
    }

    /// Creates a label set from a dictionary of names to values.
    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label(name: $0.key, value: $0.value) })
    }

    /// Creates a label set from labels that are already sorted by name, unique and non-empty.
    ///
    /// The caller guarantees the invariants; this is the fast path for decoders and storage.
    public init(sortedUnique labels: [Label]) {
        storage = labels
        hash = LabelsHash.hash(labels)
    }

    /// The hash computed at construction (seeded per process: never persist or send it).
    @inlinable public var precomputedHash: Int { hash }

    /// The labels in name order.
    public var labels: [Label] { storage }

    /// The metric name (`__name__`), or nil when there is none.
    public var metricName: String? { self[Labels.metricNameLabel] }

    /// The value of the label `name`, or nil when the set has no such label.
    public subscript(name: String) -> String? {
        // Label sets are small: a linear scan beats a binary search below ~16 entries.
        for label in storage where label.name == name {
            return label.value
        }
        return nil
    }

    /// The value of `name`, or "" when absent (Prometheus's `Labels.Get`).
    public func value(of name: String) -> String {
        self[name] ?? ""
    }

    /// Whether the set has a label called `name`.
    public func contains(name: String) -> Bool {
        self[name] != nil
    }

    /// A copy with `name` set to `value`; an empty value removes the label.
    public func setting(_ name: String, to value: String) -> Labels {
        var result = storage.filter { $0.name != name }
        if !value.isEmpty {
            let index = result.firstIndex { $0.name > name } ?? result.endIndex
            result.insert(Label(name: name, value: value), at: index)
        }
        return Labels(sortedUnique: result)
    }

    /// A copy without the labels whose names are in `names`.
    public func removing(_ names: Set<String>) -> Labels {
        Labels(sortedUnique: storage.filter { !names.contains($0.name) })
    }

    /// A copy with only the labels whose names are in `names`.
    public func keeping(_ names: Set<String>) -> Labels {
        Labels(sortedUnique: storage.filter { names.contains($0.name) })
    }

    /// A copy without the metric name.
    public func removingMetricName() -> Labels {
        guard contains(name: Labels.metricNameLabel) else { return self }
        return removing([Labels.metricNameLabel])
    }
}

// MARK: - Equality, hashing, order

extension Labels: Hashable {
    /// Whether both are copies of one label set value (the same storage), which makes them equal without comparing.
    public func sharesStorage(with other: Labels) -> Bool {
        storage.withUnsafeBufferPointer { left in
            other.storage.withUnsafeBufferPointer { right in left.baseAddress == right.baseAddress }
        }
    }

    /// Label sets are equal when their names and values are equal byte for byte, as in Prometheus (Swift's `String`
    /// equality would also equate different Unicode normalizations).
    public static func == (lhs: Labels, rhs: Labels) -> Bool {
        guard lhs.hash == rhs.hash, lhs.storage.count == rhs.storage.count else { return false }
        return lhs.storage.withUnsafeBufferPointer { left in
            rhs.storage.withUnsafeBufferPointer { right in
                // Copies of one label set share their storage: equal without comparing bytes.
                if left.baseAddress == right.baseAddress { return true }
                for index in 0..<left.count {
                    guard LabelsHash.bytesEqual(left[index].name, right[index].name),
                        LabelsHash.bytesEqual(left[index].value, right[index].value)
                    else { return false }
                }
                return true
            }
        }
    }

    /// Hashes the same components equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }
}

extension Labels: Comparable {
    /// Orders like Prometheus's `labels.Compare`: label by label (name, then value), then by count.
    public static func < (lhs: Labels, rhs: Labels) -> Bool {
        lhs.storage.withUnsafeBufferPointer { left in
            rhs.storage.withUnsafeBufferPointer { right in
                let shared = Swift.min(left.count, right.count)
                var index = 0
                while index < shared {
                    if left[index].name != right[index].name { return left[index].name < right[index].name }
                    if left[index].value != right[index].value { return left[index].value < right[index].value }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }
}

// MARK: - Collection

extension Labels: RandomAccessCollection {
    /// The first label's position.
    @inlinable public var startIndex: Int { storage.startIndex }
    /// One past the last label's position.
    @inlinable public var endIndex: Int { storage.endIndex }
    /// The label at `position`.
    @inlinable public subscript(position: Int) -> Label { storage[position] }
}

extension Labels: ExpressibleByDictionaryLiteral {
    /// Creates labels from a literal such as `["__name__": "up", "job": "api"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { Label(name: $0.0, value: $0.1) })
    }
}

extension Labels: CustomStringConvertible {
    /// Prometheus's text form: `name{a="b", c="d"}`, or `{a="b"}` without a metric name.
    public var description: String {
        var out = metricName ?? ""
        let rest = storage.filter { $0.name != Labels.metricNameLabel }
        if rest.isEmpty && !out.isEmpty { return out }
        out += "{"
        for (index, label) in rest.enumerated() {
            if index > 0 { out += ", " }
            out += label.name
            out += "=\""
            out += Labels.escape(label.value)
            out += "\""
        }
        out += "}"
        return out
    }

    /// Escapes a label value for Prometheus's text formats (selectors, exposition): backslash, quote, newline.
    public static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Array where Element == Label {
    fileprivate func isSorted() -> Bool {
        var index = 1
        while index < count {
            if self[index - 1].name >= self[index].name { return false }
            index += 1
        }
        return true
    }
}
