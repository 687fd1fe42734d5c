/// A binary heap of vector elements with Go's `container/heap` mechanics (`Push`, `Fix`, sift up and down), so
/// that `topk`/`bottomk`/`limitk` select and order ties exactly as Prometheus does.
struct SelectionHeap {
    /// The order of the heap; the element that is least by it sits at the top.
    enum Order {
        /// Prometheus's `vectorByValueHeap`: NaN is least, then ascending values (`topk`, `limitk`, `limit_ratio`).
        case ascending
        /// Prometheus's `vectorByReverseValueHeap`: NaN is least, then descending values (`bottomk`).
        case descending

        /// Whether `lhs` sorts before `rhs`.
        func less(_ lhs: Double, _ rhs: Double) -> Bool {
            if lhs.isNaN { return true }
            switch self {
            case .ascending: return lhs < rhs
            case .descending: return lhs > rhs
            }
        }
    }

    /// The order.
    let order: Order
    /// The elements in heap order.
    private(set) var elements: [VectorSample] = []

    /// An empty heap.
    init(_ order: Order) {
        self.order = order
    }

    /// How many elements the heap holds.
    var count: Int { elements.count }

    /// The top (least) element's value.
    var topValue: Double { elements[0].value }

    /// `heap.Push`.
    mutating func push(_ element: VectorSample) {
        elements.append(element)
        siftUp(elements.count - 1)
    }

    /// Puts `element` at the top without restoring the heap (Prometheus's `limitk` starts a group this way).
    mutating func setFirst(_ element: VectorSample) {
        elements = [element]
    }

    /// Replaces the top element and, when `restore` is set, `heap.Fix`es it.
    mutating func replaceTop(_ element: VectorSample, restore: Bool) {
        elements[0] = element
        if restore && !siftDown(0) { siftUp(0) }
    }

    /// The elements ordered by the reverse of the heap order as Go's `sort.Sort(sort.Reverse(heap))` orders them:
    /// descending for `.ascending`, ascending for `.descending`, NaN last.
    func sortedReversed() -> [VectorSample] {
        let order = order
        return GoSort.sorted(elements) { order.less($1.value, $0.value) }
    }

    private func less(_ left: Int, _ right: Int) -> Bool {
        order.less(elements[left].value, elements[right].value)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            elements.swapAt(parent, child)
            child = parent
        }
    }

    /// Go's `down`: returns whether the element moved.
    private mutating func siftDown(_ start: Int) -> Bool {
        var parent = start
        while true {
            let left = 2 * parent + 1
            if left >= elements.count { break }
            var child = left
            if left + 1 < elements.count && less(left + 1, left) { child = left + 1 }
            guard less(child, parent) else { break }
            elements.swapAt(parent, child)
            parent = child
        }
        return parent > start
    }
}
