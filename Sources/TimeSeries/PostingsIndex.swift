/// An inverted index from label pairs to series ids, used to resolve matchers without scanning every series.
///
/// For each label name it keeps, per value, the sorted ids of the series carrying that pair. A matcher that can
/// match the empty string (`l=""`, `l!="x"`, `l!~"…"`) is resolved by subtracting the series whose value fails it,
/// so series lacking the label are kept, as Prometheus does. The index is a value type: the owner serializes access.
public struct PostingsIndex: Sendable {
    /// A series id. Ids are assigned by the owner; adding them in increasing order is the fast path.
    public typealias ID = UInt32

    /// A sorted id list. Most label values (pod names, instances) belong to one series: those keep their id
    /// inline instead of in an array of their own.
    private enum PostingList: Sendable {
        case one(ID)
        case many([ID])

        var ids: [ID] {
            switch self {
            case .one(let id): [id]
            case .many(let ids): ids
            }
        }

        mutating func insert(_ id: ID) {
            switch self {
            case .one(let existing):
                if existing != id { self = .many(existing < id ? [existing, id] : [id, existing]) }
            case .many(var ids):
                self = .one(0)  // release the array so the insert below does not copy it
                PostingsIndex.insertSorted(id, into: &ids)
                self = .many(ids)
            }
        }

        /// Removes the ids in `removed`; nil when none are left.
        func removing(_ removed: Set<ID>) -> PostingList? {
            switch self {
            case .one(let id):
                return removed.contains(id) ? nil : self
            case .many(let ids):
                let left = ids.filter { !removed.contains($0) }
                switch left.count {
                case 0: return nil
                case 1: return .one(left[0])
                default: return .many(left)
                }
            }
        }
    }

    private var postings: [String: [String: PostingList]] = [:]
    private var all: [ID] = []

    /// Creates an empty index.
    public init() {}

    /// The number of series indexed.
    public var count: Int { all.count }

    /// Every indexed id, sorted.
    public var allIDs: [ID] { all }

    /// Indexes series `id` under each of its label pairs.
    public mutating func add(_ id: ID, _ labels: Labels) {
        PostingsIndex.insertSorted(id, into: &all)
        for label in labels {
            if postings[label.name]?[label.value] != nil {
                postings[label.name]![label.value]!.insert(id)
            } else {
                postings[label.name, default: [:]][label.value] = .one(id)
            }
        }
    }

    /// Removes the given series; `labels` gives each one's label set as it was added.
    public mutating func remove(_ ids: [ID], labels: (ID) -> Labels) {
        guard !ids.isEmpty else { return }
        let removed = Set(ids)
        all.removeAll { removed.contains($0) }
        var touched: [String: Set<String>] = [:]
        for id in ids {
            for label in labels(id) { touched[label.name, default: []].insert(label.value) }
        }
        for (name, values) in touched {
            for value in values {
                let left = postings[name]?[value]?.removing(removed)
                postings[name]?[value] = left
            }
            if postings[name]?.isEmpty == true { postings[name] = nil }
        }
    }

    /// The sorted ids of the series that satisfy every matcher.
    public func select(_ matchers: [Matcher]) -> [ID] {
        var positive: [[ID]] = []
        var negative: [[ID]] = []
        for matcher in matchers {
            let values = postings[matcher.name] ?? [:]
            if matcher.matchesEmpty {
                // Series without the label match; subtract those whose value fails the matcher.
                let failing = values.lazy.filter { !matcher.matches($0.key) }.map(\.value.ids)
                negative.append(PostingsIndex.union(Array(failing)))
            } else {
                let lists: [[ID]]
                if let literals = matcher.setMatches {
                    lists = literals.compactMap { values[$0]?.ids }
                } else {
                    lists = values.compactMap { matcher.matches($0.key) ? $0.value.ids : nil }
                }
                let union = PostingsIndex.union(lists)
                if union.isEmpty { return [] }
                positive.append(union)
            }
        }
        var result: [ID]
        if positive.isEmpty {
            result = all
        } else {
            positive.sort { $0.count < $1.count }
            result = positive[0]
            for list in positive.dropFirst() {
                result = PostingsIndex.intersect(result, list)
                if result.isEmpty { return [] }
            }
        }
        for list in negative where !list.isEmpty {
            result = PostingsIndex.subtract(result, list)
        }
        return result
    }

    /// The stored copy of `name` and `value` when the index already holds that name or value, so a new series can
    /// share those strings' storage instead of keeping its own copies.
    public func canonical(_ label: Label) -> Label {
        guard let values = postings[label.name] else { return label }
        let name = postings.keys[postings.index(forKey: label.name)!]
        guard let index = values.index(forKey: label.value) else { return Label(name: name, value: label.value) }
        return Label(name: name, value: values.keys[index])
    }

    /// The sorted label names in the index.
    public func labelNames() -> [String] {
        postings.keys.sorted()
    }

    /// The sorted values of label `name`.
    public func labelValues(_ name: String) -> [String] {
        (postings[name]?.keys).map { $0.sorted() } ?? []
    }

    // MARK: - Sorted-list algebra

    fileprivate static func insertSorted(_ id: ID, into list: inout [ID]) {
        if let last = list.last, last >= id {
            var low = 0
            var high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid] < id { low = mid + 1 } else { high = mid }
            }
            if low < list.count, list[low] == id { return }
            list.insert(id, at: low)
        } else {
            list.append(id)
        }
    }

    /// The union of posting lists of one label name: they are disjoint, so concatenating and sorting suffices.
    private static func union(_ lists: [[ID]]) -> [ID] {
        switch lists.count {
        case 0: return []
        case 1: return lists[0]
        default:
            var result: [ID] = []
            result.reserveCapacity(lists.reduce(0) { $0 + $1.count })
            for list in lists { result.append(contentsOf: list) }
            result.sort()
            return result
        }
    }

    private static func intersect(_ left: [ID], _ right: [ID]) -> [ID] {
        var result: [ID] = []
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                result.append(left[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    private static func subtract(_ left: [ID], _ right: [ID]) -> [ID] {
        var result: [ID] = []
        result.reserveCapacity(left.count)
        var j = 0
        for id in left {
            while j < right.count, right[j] < id { j += 1 }
            if j < right.count, right[j] == id { continue }
            result.append(id)
        }
        return result
    }
}
