/// A rule name and label set that more than one rule of a file shares (promtool's duplicate-rules lint).
public struct DuplicateRule: Sendable, Hashable {
    /// The alert or recorded metric name.
    public var name: String
    /// Group labels merged with the rule's labels (the rule's win), unexpanded, sorted by name.
    public var labels: [Label]

    /// Creates a duplicate entry.
    public init(name: String, labels: [Label]) {
        self.name = name
        self.labels = labels
    }

    /// One label of a duplicate key (empty values are kept, unlike `TimeSeries.Labels`).
    public struct Label: Sendable, Hashable {
        /// The label name.
        public var name: String
        /// The label value, possibly a template.
        public var value: String

        /// Creates a label.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The duplicates in `groups`, sorted by name then labels as promtool sorts them, each key reported once.
    public static func find(in groups: [RuleGroup]) -> [DuplicateRule] {
        var keys: [DuplicateRule] = []
        for group in groups {
            for rule in group.rules {
                var merged = group.labels
                for (name, value) in labels(of: rule) { merged[name] = value }
                let labels = merged.map { Label(name: $0.key, value: $0.value) }
                    .sorted { precedes($0.name, $1.name) }
                keys.append(DuplicateRule(name: rule.name, labels: labels))
            }
        }
        guard keys.count >= 2 else { return [] }
        keys.sort { compare($0, $1) < 0 }
        var duplicates: [DuplicateRule] = []
        for index in 1..<keys.count where compare(keys[index - 1], keys[index]) == 0 {
            if duplicates.last.map({ compare($0, keys[index]) != 0 }) ?? true {
                duplicates.append(keys[index])
            }
        }
        return duplicates
    }

    /// promtool's lint text: `N duplicate rule(s) found.`, each `Metric:` with its `Label(s):`, then
    /// `Might cause inconsistency while recording expressions`.
    public static func lintMessage(_ duplicates: [DuplicateRule]) -> String {
        var message = "\(duplicates.count) duplicate rule(s) found.\n"
        for duplicate in duplicates {
            message += "Metric: \(duplicate.name)\nLabel(s):\n"
            for label in duplicate.labels { message += "\t\(label.name): \(label.value)\n" }
        }
        return message + "Might cause inconsistency while recording expressions"
    }

    private static func labels(of rule: Rule) -> [String: String] {
        switch rule {
        case .alerting(let alert): alert.labels
        case .recording(let record): record.labels
        }
    }

    /// Go's byte-wise string order.
    private static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Go's byte-wise string equality (Swift's `==` would equate canonically equivalent texts).
    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// promtool's `compare`: by name, then Prometheus's `labels.Compare`.
    private static func compare(_ lhs: DuplicateRule, _ rhs: DuplicateRule) -> Int {
        if !same(lhs.name, rhs.name) { return precedes(lhs.name, rhs.name) ? -1 : 1 }
        for (left, right) in zip(lhs.labels, rhs.labels) {
            if !same(left.name, right.name) { return precedes(left.name, right.name) ? -1 : 1 }
            if !same(left.value, right.value) { return precedes(left.value, right.value) ? -1 : 1 }
        }
        return lhs.labels.count - rhs.labels.count
    }
}
