import Synchronization
import TimeSeries

/// What the protobuf fast path (`CachedTranslationRun`) remembers between requests, keyed by the exact bytes it was
/// computed from: resource contexts by `Resource` message bytes, translated metric names by kind, name and unit,
/// and label sets by resource bytes, metric and data-point attribute bytes (so a known point needs one lookup).
///
/// Only what the full decoder accepted and the translator translated without a rejection is stored, so equal bytes
/// always give what the slow path would give. Every table is bounded: a shard that reaches its share of the bound
/// is emptied and fills again from misses. Safe to use from many threads; lookups lock one of 64 shards.
final class TranslationCache: Sendable {
    /// What a resource entry holds besides its key bytes.
    struct ResourceHeader {
        let id: UInt64
        let context: ResourceContext
        let keyCount: Int
    }

    /// The allocation behind a `ResourceEntry`: its header, then the key bytes.
    final class ResourceStorage: ManagedBuffer<ResourceHeader, UInt8> {}

    /// A resource's translated context, with the `Resource` message bytes it was decoded from stored in the same
    /// allocation (label-set hits compare them: one object, one cache miss).
    struct ResourceEntry: @unchecked Sendable {
        // @unchecked: the storage is written once in `make` and only read afterwards.
        let storage: ResourceStorage

        /// Unique for the cache's lifetime, never reused.
        var id: UInt64 { storage.header.id }
        /// Labels, job and instance, delta-stream identity.
        var context: ResourceContext { storage.header.context }

        static func make(id: UInt64, context: ResourceContext, key: UnsafeBufferPointer<UInt8>) -> ResourceEntry {
            let buffer = ResourceStorage.create(minimumCapacity: key.count) { _ in
                ResourceHeader(id: id, context: context, keyCount: key.count)
            }
            // `create` on the subclass returns an instance of it.
            let storage = unsafeDowncast(buffer, to: ResourceStorage.self)
            if let base = key.baseAddress {
                storage.withUnsafeMutablePointerToElements { $0.initialize(from: base, count: key.count) }
            }
            return ResourceEntry(storage: storage)
        }

        /// Whether `bytes` are this resource's bytes.
        func hasKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let count = storage.header.keyCount
            return storage.withUnsafeMutablePointerToElements {
                ByteHash.equal(UnsafeBufferPointer(start: $0, count: count), bytes)
            }
        }
    }

    /// A metric's translated name.
    final class MetricEntry: Sendable {
        /// Unique for the cache's lifetime, never reused; part of label-set keys.
        let id: UInt64
        /// The OTLP name, for messages.
        let otlpName: String
        /// The Prometheus name.
        let name: String

        init(id: UInt64, otlpName: String, name: String) {
            self.id = id
            self.otlpName = otlpName
            self.name = name
        }
    }

    /// One cached value with the key bytes it was computed from (a class, so a lookup copies one reference).
    private final class Entry<Value: Sendable>: Sendable {
        let key: [UInt8]
        let value: Value

        init(key: UnsafeBufferPointer<UInt8>, value: Value) {
            self.key = Array(key)
            self.value = value
        }
    }

    /// One table's entries in one shard, by hash; every hit is checked against the key.
    private struct Table<Value: Sendable>: Sendable {
        var entries: [UInt64: Entry<Value>] = [:]

        func value(hash: UInt64, key: UnsafeBufferPointer<UInt8>) -> Value? {
            guard let entry = entries[hash], entry.key.withUnsafeBufferPointer({ ByteHash.equal($0, key) }) else {
                return nil
            }
            return entry.value
        }

        mutating func insert(hash: UInt64, key: UnsafeBufferPointer<UInt8>, value: Value, capacity: Int) {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(key: key, value: value)
        }
    }

    /// What a label entry holds besides the attribute bytes.
    struct LabelHeader {
        let resource: ResourceEntry
        let metricID: UInt64
        let labels: Labels
        let attributeCount: Int
    }

    /// The allocation behind a `LabelEntry`: its header, then the attribute bytes.
    private final class LabelStorage: ManagedBuffer<LabelHeader, UInt8> {}

    /// A label set with what it was translated from: the resource (whose bytes every hit compares), the metric
    /// entry, and the data point's attribute bytes stored in the same allocation.
    private struct LabelEntry: @unchecked Sendable {
        // @unchecked: the storage is written once in `make` and only read afterwards.
        let storage: LabelStorage

        static func make(
            resource: ResourceEntry, metricID: UInt64, attributes: UnsafeBufferPointer<UInt8>, labels: Labels
        ) -> LabelEntry {
            let buffer = LabelStorage.create(minimumCapacity: attributes.count) { _ in
                LabelHeader(resource: resource, metricID: metricID, labels: labels, attributeCount: attributes.count)
            }
            let storage = unsafeDowncast(buffer, to: LabelStorage.self)
            if let base = attributes.baseAddress {
                storage.withUnsafeMutablePointerToElements { $0.initialize(from: base, count: attributes.count) }
            }
            return LabelEntry(storage: storage)
        }

        var labels: Labels { storage.header.labels }

        func matches(resource: UnsafeBufferPointer<UInt8>, metricID: UInt64, attributes: UnsafeBufferPointer<UInt8>)
            -> Bool
        {
            let header = storage.header
            guard header.metricID == metricID else { return false }
            let count = header.attributeCount
            let sameAttributes = storage.withUnsafeMutablePointerToElements {
                ByteHash.equal(UnsafeBufferPointer(start: $0, count: count), attributes)
            }
            return sameAttributes && header.resource.hasKey(resource)
        }
    }

    private struct Shard: Sendable {
        var resources = Table<ResourceEntry>()
        var metrics = Table<MetricEntry>()
        var labels: [UInt64: LabelEntry] = [:]
    }

    private final class ShardBox: Sendable {
        let state = Mutex(Shard())
    }

    private static let shardCount = 64
    private let shards: [ShardBox]
    private let nextID = Atomic<UInt64>(1)
    private let resourceCapacity: Int
    private let metricCapacity: Int
    private let labelCapacity: Int
    /// The decode limits the cached entries were validated under; requests decoded with other limits bypass it.
    let limits: OTLPDecodeLimits

    /// Creates an empty cache holding at most about `labelSets` label sets (and a sixteenth as many resources and
    /// metric names).
    init(limits: OTLPDecodeLimits, labelSets: Int = 1_000_000) {
        self.limits = limits
        shards = (0..<TranslationCache.shardCount).map { _ in ShardBox() }
        labelCapacity = max(1, labelSets / TranslationCache.shardCount)
        resourceCapacity = max(16, labelSets / 16 / TranslationCache.shardCount)
        metricCapacity = resourceCapacity
    }

    /// A new identity for an entry.
    func makeID() -> UInt64 {
        nextID.add(1, ordering: .relaxed).oldValue
    }

    private func shard(_ hash: UInt64) -> ShardBox {
        shards[Int(truncatingIfNeeded: hash >> 58) & (TranslationCache.shardCount - 1)]
    }

    /// The resource context stored for these `Resource` bytes.
    func resource(hash: UInt64, key: UnsafeBufferPointer<UInt8>) -> ResourceEntry? {
        shard(hash).state.withLock { $0.resources.value(hash: hash, key: key) }
    }

    /// Stores a resource context.
    func insertResource(_ entry: ResourceEntry, hash: UInt64, key: UnsafeBufferPointer<UInt8>) {
        let capacity = resourceCapacity
        shard(hash).state.withLock { $0.resources.insert(hash: hash, key: key, value: entry, capacity: capacity) }
    }

    /// The metric name stored for this kind, name and unit key.
    func metric(hash: UInt64, key: UnsafeBufferPointer<UInt8>) -> MetricEntry? {
        shard(hash).state.withLock { $0.metrics.value(hash: hash, key: key) }
    }

    /// Stores a metric name.
    func insertMetric(_ entry: MetricEntry, hash: UInt64, key: UnsafeBufferPointer<UInt8>) {
        let capacity = metricCapacity
        shard(hash).state.withLock { $0.metrics.insert(hash: hash, key: key, value: entry, capacity: capacity) }
    }

    /// The hash of a label-set key: the resource's bytes (by their hash), the metric entry and the data point's
    /// attribute bytes.
    static func labelsHash(resourceHash: UInt64, metricID: UInt64, attributes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ByteHash.hash(attributes, seed: ByteHash.mix(resourceHash ^ metricID &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The label set stored for these resource bytes, metric and attribute bytes.
    func labels(
        hash: UInt64, resource: UnsafeBufferPointer<UInt8>, metricID: UInt64, attributes: UnsafeBufferPointer<UInt8>
    ) -> Labels? {
        shard(hash).state.withLock { shard -> Labels? in
            guard let entry = shard.labels[hash],
                entry.matches(resource: resource, metricID: metricID, attributes: attributes)
            else { return nil }
            return entry.labels
        }
    }

    /// Stores a label set.
    func insertLabels(
        _ labels: Labels, hash: UInt64, resource: ResourceEntry, metricID: UInt64,
        attributes: UnsafeBufferPointer<UInt8>
    ) {
        let capacity = labelCapacity
        let entry = LabelEntry.make(resource: resource, metricID: metricID, attributes: attributes, labels: labels)
        shard(hash).state.withLock { shard in
            if shard.labels.count >= capacity { shard.labels.removeAll(keepingCapacity: true) }
            shard.labels[hash] = entry
        }
    }

    /// Entries held now (resources, metric names, label sets), for tests and metrics.
    var counts: (resources: Int, metrics: Int, labelSets: Int) {
        var total = (0, 0, 0)
        for box in shards {
            box.state.withLock { shard in
                total.0 += shard.resources.entries.count
                total.1 += shard.metrics.entries.count
                total.2 += shard.labels.count
            }
        }
        return total
    }
}
