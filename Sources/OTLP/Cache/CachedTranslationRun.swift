import TimeSeries

/// The fast path for protobuf requests: walks the wire bytes without building a `MetricsRequest` and, for gauge and
/// cumulative-sum number points, takes resource contexts, metric names and whole label sets from a
/// `TranslationCache` keyed by the bytes they come from.
///
/// The result is the one `OTLPDecoder` plus `MetricsTranslator.translate` would give:
/// - everything the fast path skips is still checked as the decoder checks it (strings are UTF-8, wire types and
///   lengths hold, limits), and a cache miss decodes its bytes with the decoder's own functions at the same depth;
/// - a metric the fast path does not handle whole (histograms, summaries, delta sums, exemplars, flags, a missing
///   time or value, a rejected label) is decoded and translated by the slow path's functions, in request order;
/// - anything else unusual (a decode error, repeated `resource` or `data` fields, the pre-1.0 layout) returns nil,
///   and the caller runs the full decoder, which reports the error exactly.
struct CachedTranslationRun {
    /// Gives up on the fast path for this request.
    private struct GiveUp: Error {}

    /// Which kind of number metric a data field holds.
    private enum NumberKind: UInt8 {
        case gauge = 1
        case counter = 2
        case upDownCounter = 3

        var namerKind: MetricNamer.Kind {
            switch self {
            case .gauge: .gauge
            case .counter: .counter
            case .upDownCounter: .upDownCounter
            }
        }
    }

    private var reader: ProtobufReader
    private let cache: TranslationCache
    /// Translates what the fast path does not handle, and holds the rejections.
    private var slow: TranslationRun
    private var labels: [Labels] = []
    private var samples: [Sample] = []
    private var dataPoints = 0
    private var scopeRanges: [Range<Int>] = []
    private var pointRanges: [Range<Int>] = []
    private var keyScratch: [UInt8] = []
    /// The resource of the `ResourceMetrics` being walked: its bytes, their hash, and its cache entry once needed.
    private var resourceRange = 0..<0
    private var resourceHash: UInt64 = 0
    private var resource: TranslationCache.ResourceEntry?
    /// Whether the resource's bytes are known valid: its entry was found or made, or a label set matched them.
    private var resourceVerified = false
    /// The last metric entry and its key: points of one metric name in many resources skip the shared table.
    private var lastMetric: (key: [UInt8], entry: TranslationCache.MetricEntry)?

    private init(bytes: UnsafeBufferPointer<UInt8>, translator: MetricsTranslator, cache: TranslationCache) {
        reader = ProtobufReader(bytes: bytes, limits: cache.limits)
        self.cache = cache
        slow = TranslationRun(options: translator.options, translator: translator)
    }

    /// The translation of a protobuf `ExportMetricsServiceRequest`, or nil when the full decoder must run instead.
    static func translate(_ bytes: UnsafeBufferPointer<UInt8>, translator: MetricsTranslator, cache: TranslationCache)
        -> Translation?
    {
        var run = CachedTranslationRun(bytes: bytes, translator: translator, cache: cache)
        do {
            try run.request()
        } catch {
            return nil
        }
        var translation = run.slow.translation
        translation.labels = run.labels
        translation.samples = run.samples
        translation.dataPoints += run.dataPoints
        return translation
    }

    // MARK: - Messages

    private mutating func request() throws {
        let end = reader.bytes.count
        while reader.position < end {
            let (field, wireType) = try reader.readTag(end: end)
            if field == 1, wireType == .len {
                let messageEnd = try reader.readLength(field: field, end: end)
                try resourceMetrics(end: messageEnd)
                reader.seek(to: messageEnd)
            } else {
                try reader.skipField(field, wireType: wireType, end: end)
            }
        }
    }

    /// `ResourceMetrics` (depth 2): the resource, then each `ScopeMetrics` in order.
    private mutating func resourceMetrics(end: Int) throws {
        try reader.checkDepth(2)
        var resource: Range<Int>?
        scopeRanges.removeAll(keepingCapacity: true)
        while reader.position < end {
            let (field, wireType) = try reader.readTag(end: end)
            switch (field, wireType) {
            case (1, .len):
                guard resource == nil else { throw GiveUp() }
                resource = try skipMessage(field: field, end: end)
            case (2, .len):
                scopeRanges.append(try skipMessage(field: field, end: end))
            case (1000, .len):
                throw GiveUp()
            case (3, .len):
                _ = try reader.readString(field: field, end: end)
            default:
                try reader.skipField(field, wireType: wireType, end: end)
            }
        }
        resourceRange = resource ?? end..<end
        resourceHash = ByteHash.hash(UnsafeBufferPointer(rebasing: reader.bytes[resourceRange]))
        self.resource = nil
        resourceVerified = false
        let scopes = scopeRanges
        for range in scopes {
            try scopeMetrics(range)
        }
        if !resourceVerified { _ = try currentResource() }  // the decoder would have checked it
    }

    /// `ScopeMetrics` (depth 3): first the scope (every occurrence merged, as the decoder does; it names delta
    /// streams), then the metrics one by one.
    private mutating func scopeMetrics(_ range: Range<Int>) throws {
        try reader.checkDepth(3)
        let end = range.upperBound
        var scope = InstrumentationScope()
        reader.seek(to: range.lowerBound)
        while reader.position < end {
            let (field, wireType) = try reader.readTag(end: end)
            switch (field, wireType) {
            case (1, .len):
                let messageEnd = try reader.readLength(field: field, end: end)
                try reader.decodeScope(into: &scope, end: messageEnd, depth: 4)
            case (3, .len):
                _ = try reader.readString(field: field, end: end)
            default:
                try reader.skipField(field, wireType: wireType, end: end)
            }
        }
        reader.seek(to: range.lowerBound)
        while reader.position < end {
            let (field, wireType) = try reader.readTag(end: end)
            guard field == 2, wireType == .len else {
                try reader.skipField(field, wireType: wireType, end: end)
                continue
            }
            try reader.countMetric()
            let messageEnd = try reader.readLength(field: field, end: end)
            let start = reader.position
            if try !numberMetric(end: messageEnd) {
                try slowMetric(start..<messageEnd, scope: scope)
            }
            reader.seek(to: messageEnd)
        }
    }

    /// Decodes and translates one metric the slow way.
    private mutating func slowMetric(_ range: Range<Int>, scope: InstrumentationScope) throws {
        let resource = try currentResource()
        reader.seek(to: range.lowerBound)
        var metric = MetricsRequest.Metric()
        try reader.decodeMetric(into: &metric, end: range.upperBound, depth: 4)
        let streamContext = resource.context.identity + "\u{2}" + scope.name + "\u{2}" + scope.version
        slow.translate(metric, resource: resource.context, streamContext: streamContext)
        slow.moveSamples(into: &labels, &samples)
    }

    /// A gauge or cumulative sum (depth 4) whose points all take the fast path; false, with nothing recorded and
    /// its data points uncounted, when the slow path must translate the metric instead (other kinds, metadata,
    /// repeated data fields, delta or unspecified temporality, or a point `numberPoints` declines).
    private mutating func numberMetric(end: Int) throws -> Bool {
        try reader.checkDepth(4)
        var name = end..<end
        var unit = end..<end
        var data: Range<Int>?
        var isSum = false
        while reader.position < end {
            let (field, wireType) = try reader.readTag(end: end)
            switch (field, wireType) {
            case (1, .len):
                name = try skipMessage(field: field, end: end)
            case (2, .len):
                _ = try reader.readString(field: field, end: end)
            case (3, .len):
                unit = try skipMessage(field: field, end: end)
            case (5, .len), (7, .len):
                guard data == nil else { return false }  // repeated data fields merge: the decoder's business
                data = try skipMessage(field: field, end: end)
                isSum = field == 7
            case (9, .len), (10, .len), (11, .len), (12, .len):
                return false
            default:
                try reader.skipField(field, wireType: wireType, end: end)
            }
        }
        guard let data else { return false }  // nothing to translate, but the decoder checks the name and unit
        // The data message (depth 5): point ranges, and for sums temporality and monotonicity.
        try reader.checkDepth(5)
        reader.seek(to: data.lowerBound)
        pointRanges.removeAll(keepingCapacity: true)
        var temporality: UInt32 = 0
        var monotonic = false
        while reader.position < data.upperBound {
            let (field, wireType) = try reader.readTag(end: data.upperBound)
            switch (field, wireType) {
            case (1, .len):
                try reader.countDataPoint()
                pointRanges.append(try skipMessage(field: field, end: data.upperBound))
            case (2, .varint) where isSum:
                temporality = try reader.readVarint32(end: data.upperBound)
            case (3, .varint) where isSum:
                monotonic = try reader.readVarint(end: data.upperBound) != 0
            default:
                try reader.skipField(field, wireType: wireType, end: data.upperBound)
            }
        }
        guard !pointRanges.isEmpty else { return false }
        let kind: NumberKind = isSum ? (monotonic ? .counter : .upDownCounter) : .gauge
        let handled =
            try (!isSum || temporality == MetricsRequest.AggregationTemporality.cumulative.rawValue)
            && numberPoints(metric: metricEntry(kind: kind, name: name, unit: unit))
        if !handled { reader.uncountDataPoints(pointRanges.count) }
        return handled
    }

    /// The points in `pointRanges` (depth 6); false, with nothing appended, when one of them needs the slow path.
    private mutating func numberPoints(metric: TranslationCache.MetricEntry?) throws -> Bool {
        guard let metric else { return false }
        let firstSample = samples.count
        for range in pointRanges {
            try reader.checkDepth(6)
            reader.seek(to: range.lowerBound)
            let end = range.upperBound
            var time: UInt64 = 0
            var value: Double?
            var flags: UInt32 = 0
            var attributes = -1 ..< -1
            while reader.position < end {
                let fieldStart = reader.position
                let (field, wireType) = try reader.readTag(end: end)
                switch (field, wireType) {
                case (7, .len):
                    let attribute = try skipMessage(field: field, end: end)
                    if attributes.lowerBound < 0 {
                        attributes = fieldStart..<attribute.upperBound
                    } else if attributes.upperBound == fieldStart {
                        attributes = attributes.lowerBound..<attribute.upperBound
                    } else {
                        discardSamples(from: firstSample)
                        return false  // attributes interleaved with other fields: let the decoder sort them out
                    }
                case (2, .i64):
                    _ = try reader.readFixed64(field: field, end: end)
                case (3, .i64):
                    time = try reader.readFixed64(field: field, end: end)
                case (4, .i64):
                    value = try reader.readDouble(field: field, end: end)
                case (6, .i64):
                    value = Double(Int64(bitPattern: try reader.readFixed64(field: field, end: end)))
                case (8, .varint):
                    flags = try reader.readVarint32(end: end)
                case (5, .len):
                    discardSamples(from: firstSample)
                    return false
                default:
                    try reader.skipField(field, wireType: wireType, end: end)
                }
            }
            guard time != 0, let value, flags & MetricsRequest.DataPointFlags.noRecordedValue.rawValue == 0,
                let labels = try labelSet(
                    attributes.lowerBound < 0 ? end..<end : attributes, time: time, metric: metric)
            else {
                discardSamples(from: firstSample)
                return false
            }
            let sample = Sample(timestamp: Int64(time / 1_000_000), value: TranslationRun.sampleValue(value))
            self.labels.append(labels)
            samples.append(sample)
        }
        dataPoints &+= pointRanges.count
        return true
    }

    // MARK: - Cached translation

    /// The cache entry of the current resource: found by its bytes, or decoded and stored.
    private mutating func currentResource() throws -> TranslationCache.ResourceEntry {
        if let resource { return resource }
        let key = UnsafeBufferPointer(rebasing: reader.bytes[resourceRange])
        if let entry = cache.resource(hash: resourceHash, key: key) {
            resource = entry
            resourceVerified = true
            return entry
        }
        reader.seek(to: resourceRange.lowerBound)
        var decoded = Resource()
        try reader.decodeResource(into: &decoded, end: resourceRange.upperBound, depth: 3)
        let entry = TranslationCache.ResourceEntry.make(
            id: cache.makeID(), context: ResourceContext(resource: decoded, promotedKeys: slow.promotedKeys), key: key)
        cache.insertResource(entry, hash: resourceHash, key: key)
        resource = entry
        resourceVerified = true
        return entry
    }

    /// The translated name of a metric, from the cache or computed and stored; nil when the name is rejected.
    private mutating func metricEntry(kind: NumberKind, name: Range<Int>, unit: Range<Int>) throws
        -> TranslationCache.MetricEntry?
    {
        keyScratch.removeAll(keepingCapacity: true)
        keyScratch.append(kind.rawValue)
        keyScratch.append(contentsOf: UnsafeBufferPointer(rebasing: reader.bytes[name]))
        keyScratch.append(0xFF)  // never part of valid UTF-8, so name and unit cannot run into each other
        keyScratch.append(contentsOf: UnsafeBufferPointer(rebasing: reader.bytes[unit]))
        if let lastMetric, lastMetric.key == keyScratch { return lastMetric.entry }
        let found = keyScratch.withUnsafeBufferPointer { key in
            let hash = ByteHash.hash(key, seed: 1)
            return (hash, cache.metric(hash: hash, key: key))
        }
        if let entry = found.1 {
            lastMetric = (keyScratch, entry)
            return entry
        }
        guard let otlpName = UTF8Validation.string(UnsafeBufferPointer(rebasing: reader.bytes[name])),
            let unitText = UTF8Validation.string(UnsafeBufferPointer(rebasing: reader.bytes[unit]))
        else { throw GiveUp() }
        guard
            let translated = MetricNamer.name(
                otlpName, unit: unitText, kind: kind.namerKind, naming: slow.options.naming)
        else { return nil }
        let entry = TranslationCache.MetricEntry(id: cache.makeID(), otlpName: otlpName, name: translated)
        keyScratch.withUnsafeBufferPointer { cache.insertMetric(entry, hash: found.0, key: $0) }
        lastMetric = (keyScratch, entry)
        return entry
    }

    /// The labels of a point with the attribute fields in `attributes`, from the cache or translated and stored;
    /// nil when the translator rejects the point.
    private mutating func labelSet(_ attributes: Range<Int>, time: UInt64, metric: TranslationCache.MetricEntry)
        throws -> Labels?
    {
        let key = UnsafeBufferPointer(rebasing: reader.bytes[attributes])
        let resourceKey = UnsafeBufferPointer(rebasing: reader.bytes[resourceRange])
        let hash = TranslationCache.labelsHash(resourceHash: resourceHash, metricID: metric.id, attributes: key)
        if let labels = cache.labels(hash: hash, resource: resourceKey, metricID: metric.id, attributes: key) {
            resourceVerified = true
            return labels
        }
        let resource = try currentResource()
        reader.seek(to: attributes.lowerBound)
        var decoded: [KeyValue] = []
        while reader.position < attributes.upperBound {
            let (field, _) = try reader.readTag(end: attributes.upperBound)
            try reader.appendKeyValue(field: field, end: attributes.upperBound, depth: 7, to: &decoded)
        }
        let context = TranslationRun.MetricContext(
            otlpName: metric.otlpName, name: metric.name, bucketName: "", sumName: "", countName: "",
            resource: resource.context, streamContext: "")
        var run = TranslationRun(options: slow.options, translator: slow.translator)
        guard run.prepare(time, decoded, context) != nil else { return nil }
        let labels = run.labels(name: metric.name)
        cache.insertLabels(labels, hash: hash, resource: resource, metricID: metric.id, attributes: key)
        return labels
    }

    // MARK: - Helpers

    /// Drops the samples from `index` on (the points of a metric that goes the slow way after all).
    private mutating func discardSamples(from index: Int) {
        labels.removeSubrange(index...)
        samples.removeSubrange(index...)
    }

    /// Reads a length prefix and returns the payload's range, leaving the cursor after it.
    private mutating func skipMessage(field: UInt32, end: Int) throws(OTLPDecodeError) -> Range<Int> {
        let messageEnd = try reader.readLength(field: field, end: end)
        let range = reader.position..<messageEnd
        reader.seek(to: messageEnd)
        return range
    }
}
