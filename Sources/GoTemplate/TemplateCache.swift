import Foundation

/// A bounded, thread-safe cache of parse results keyed by template name and text; the oldest entries are evicted
/// first once `capacity` is reached.
final class TemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var entries: [String: Result<ParsedTemplate, TemplateParseError>] = [:]
    private var order: [String] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func lookup(_ key: String) -> Result<ParsedTemplate, TemplateParseError>? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ key: String, _ value: Result<ParsedTemplate, TemplateParseError>) {
        lock.lock()
        defer { lock.unlock() }
        if entries.updateValue(value, forKey: key) != nil { return }
        order.append(key)
        while entries.count > capacity && head < order.count {
            entries.removeValue(forKey: order[head])
            head += 1
        }
        if head > capacity {
            order.removeFirst(head)
            head = 0
        }
    }

    /// The number of cached templates.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
