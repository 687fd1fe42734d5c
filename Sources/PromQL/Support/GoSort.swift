/// Go's `sort.Sort` (pattern-defeating quicksort, not stable), so that elements which compare equal end up in the
/// same order as in Prometheus, whose output order is visible for instant queries (`topk`, `bottomk`, `sort`).
///
/// The less function may be inconsistent (Prometheus's orders treat NaN as less than everything, NaN included);
/// the result is still exactly Go's, because the same comparisons and swaps happen in the same sequence.
struct GoSort<Element> {
    private var data: [Element]
    private let lessThan: (Element, Element) -> Bool

    private enum Hint { case unknown, increasing, decreasing }

    /// Sorts `elements` by `less` as `sort.Sort` would.
    static func sorted(_ elements: [Element], by less: @escaping (Element, Element) -> Bool) -> [Element] {
        var sorter = GoSort(data: elements, lessThan: less)
        let count = elements.count
        if count > 1 { sorter.pdqsort(0, count, Int.bitWidth - count.leadingZeroBitCount) }
        return sorter.data
    }

    private func less(_ i: Int, _ j: Int) -> Bool {
        lessThan(data[i], data[j])
    }

    private mutating func swap(_ i: Int, _ j: Int) {
        data.swapAt(i, j)
    }

    private mutating func insertionSort(_ a: Int, _ b: Int) {
        var i = a + 1
        while i < b {
            var j = i
            while j > a && less(j, j - 1) {
                swap(j, j - 1)
                j -= 1
            }
            i += 1
        }
    }

    private mutating func siftDown(_ lo: Int, _ hi: Int, _ first: Int) {
        var root = lo
        while true {
            var child = 2 * root + 1
            if child >= hi { return }
            if child + 1 < hi && less(first + child, first + child + 1) { child += 1 }
            if !less(first + root, first + child) { return }
            swap(first + root, first + child)
            root = child
        }
    }

    private mutating func heapSort(_ a: Int, _ b: Int) {
        let length = b - a
        var i = (length - 1) / 2
        while i >= 0 {
            siftDown(i, length, a)
            i -= 1
        }
        i = length - 1
        while i >= 0 {
            swap(a, a + i)
            siftDown(0, i, a)
            i -= 1
        }
    }

    private mutating func pdqsort(_ start: Int, _ end: Int, _ badPivots: Int) {
        var a = start
        var b = end
        var limit = badPivots
        var wasBalanced = true
        var wasPartitioned = true
        while true {
            let length = b - a
            if length <= 12 {
                insertionSort(a, b)
                return
            }
            if limit == 0 {
                heapSort(a, b)
                return
            }
            if !wasBalanced {
                breakPatterns(a, b)
                limit -= 1
            }
            var (pivot, hint) = choosePivot(a, b)
            if hint == .decreasing {
                reverseRange(a, b)
                pivot = (b - 1) - (pivot - a)
                hint = .increasing
            }
            if wasBalanced && wasPartitioned && hint == .increasing && partialInsertionSort(a, b) { return }
            if a > 0 && !less(a - 1, pivot) {
                a = partitionEqual(a, b, pivot)
                continue
            }
            let (mid, alreadyPartitioned) = partition(a, b, pivot)
            wasPartitioned = alreadyPartitioned
            let leftLength = mid - a
            let rightLength = b - mid
            let balanceThreshold = length / 8
            if leftLength < rightLength {
                wasBalanced = leftLength >= balanceThreshold
                pdqsort(a, mid, limit)
                a = mid + 1
            } else {
                wasBalanced = rightLength >= balanceThreshold
                pdqsort(mid + 1, b, limit)
                b = mid
            }
        }
    }

    private mutating func partition(_ a: Int, _ b: Int, _ pivot: Int) -> (Int, Bool) {
        swap(a, pivot)
        var i = a + 1
        var j = b - 1
        while i <= j && less(i, a) { i += 1 }
        while i <= j && !less(j, a) { j -= 1 }
        if i > j {
            swap(j, a)
            return (j, true)
        }
        swap(i, j)
        i += 1
        j -= 1
        while true {
            while i <= j && less(i, a) { i += 1 }
            while i <= j && !less(j, a) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        swap(j, a)
        return (j, false)
    }

    private mutating func partitionEqual(_ a: Int, _ b: Int, _ pivot: Int) -> Int {
        swap(a, pivot)
        var i = a + 1
        var j = b - 1
        while true {
            while i <= j && !less(a, i) { i += 1 }
            while i <= j && less(a, j) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        return i
    }

    private mutating func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
        let maxSteps = 5
        let shortestShifting = 50
        var i = a + 1
        for _ in 0..<maxSteps {
            while i < b && !less(i, i - 1) { i += 1 }
            if i == b { return true }
            if b - a < shortestShifting { return false }
            swap(i, i - 1)
            if i - a >= 2 {
                var j = i - 1
                while j >= 1 {
                    if !less(j, j - 1) { break }
                    swap(j, j - 1)
                    j -= 1
                }
            }
            if b - i >= 2 {
                var j = i + 1
                while j < b {
                    if !less(j, j - 1) { break }
                    swap(j, j - 1)
                    j += 1
                }
            }
        }
        return false
    }

    private mutating func breakPatterns(_ a: Int, _ b: Int) {
        let length = b - a
        guard length >= 8 else { return }
        var random = UInt64(length)
        let modulus = 1 << (Int.bitWidth - length.leadingZeroBitCount)
        var index = a + (length / 4) * 2 - 1
        while index <= a + (length / 4) * 2 + 1 {
            random ^= random << 13
            random ^= random >> 17
            random ^= random << 5
            var other = Int(truncatingIfNeeded: random & UInt64(modulus - 1))
            if other >= length { other -= length }
            swap(index, a + other)
            index += 1
        }
    }

    private mutating func choosePivot(_ a: Int, _ b: Int) -> (Int, Hint) {
        let length = b - a
        var swaps = 0
        var i = a + length / 4 * 1
        var j = a + length / 4 * 2
        var k = a + length / 4 * 3
        if length >= 8 {
            if length >= 50 {
                i = median(i - 1, i, i + 1, &swaps)
                j = median(j - 1, j, j + 1, &swaps)
                k = median(k - 1, k, k + 1, &swaps)
            }
            j = median(i, j, k, &swaps)
        }
        switch swaps {
        case 0: return (j, .increasing)
        case 12: return (j, .decreasing)
        default: return (j, .unknown)
        }
    }

    private func order(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
        if less(b, a) {
            swaps += 1
            return (b, a)
        }
        return (a, b)
    }

    private func median(_ a: Int, _ b: Int, _ c: Int, _ swaps: inout Int) -> Int {
        var (a, b) = order(a, b, &swaps)
        var c = c
        (b, c) = order(b, c, &swaps)
        (a, b) = order(a, b, &swaps)
        return b
    }

    private mutating func reverseRange(_ a: Int, _ b: Int) {
        var i = a
        var j = b - 1
        while i < j {
            swap(i, j)
            i += 1
            j -= 1
        }
    }
}
