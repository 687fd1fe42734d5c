/// A first-in, first-out ring buffer that refuses elements beyond its capacity.
package struct BoundedQueue<Element> {
    private var storage: [Element?]
    private var head = 0
    /// The number of queued elements.
    package private(set) var count = 0

    /// Creates an empty queue holding at most `capacity` elements.
    package init(capacity: Int) {
        storage = Array(repeating: nil, count: max(1, capacity))
    }

    /// The maximum number of elements.
    package var capacity: Int { storage.count }

    /// Whether the queue is empty.
    package var isEmpty: Bool { count == 0 }

    /// Appends `element`; returns `false` (and drops nothing) when the queue is full.
    package mutating func append(_ element: Element) -> Bool {
        guard count < storage.count else { return false }
        storage[(head + count) % storage.count] = element
        count += 1
        return true
    }

    /// Removes and returns the oldest element.
    package mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        defer {
            storage[head] = nil
            head = (head + 1) % storage.count
            count -= 1
        }
        return storage[head]
    }
}

extension BoundedQueue: Sendable where Element: Sendable {}
