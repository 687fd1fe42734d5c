import TimeSeries

/// The work of translating one request: walks the request, builds series and records rejections.
///
/// Per-kind rules are in `TranslationRun+Numbers.swift` and `TranslationRun+Distributions.swift`.
struct TranslationRun {
    /// Kinds of rejection; one example message is kept per kind.
    enum RejectionKind: Hashable {
        /// Nothing usable is left of the metric name.
        case invalidMetricName
        /// An attribute key gives no valid label name.
        case invalidLabelName
        /// An attribute key maps to a reserved `__` label name.
        case reservedLabelName
        /// `time_unix_nano` is 0.
        case missingTimestamp
        /// A number point has no value.
        case missingValue
        /// Temporality unspecified or unknown.
        case unsupportedTemporality
        /// Bucket counts and bounds do not fit together.
        case invalidHistogram
        /// Scale or zero threshold out of range.
        case invalidExponentialHistogram
        /// A delta point not after its stream's last point.
        case deltaOutOfOrder
        /// A delta point starting before its stream.
        case deltaOlderStart
        /// No room for another delta stream.
        case deltaStreamLimit
    }

    /// Names and context shared by the points of one metric.
    struct MetricContext {
        /// The OTLP name, for messages.
        let otlpName: String
        /// The translated base name.
        let name: String
        /// `name_bucket`.
        let bucketName: String
        /// `name_sum`.
        let sumName: String
        /// `name_count`.
        let countName: String
        /// The resource's labels, job and instance.
        let resource: ResourceContext
        /// The resource and scope identity, for delta stream keys.
        let streamContext: String
    }

    /// The translator's options.
    let options: TranslationOptions
    /// Owner of the delta state.
    let translator: MetricsTranslator
    /// The result so far.
    private(set) var translation = Translation()
    /// The kinds whose example message is already in `translation.messages`.
    private var reportedKinds: Set<RejectionKind> = []
    /// Rendered `le` values by the bound's bit pattern.
    private var boundNames: [UInt64: String] = [:]
    /// Label names of attribute keys that needed sanitizing (nil: no valid name).
    private var labelNames: [String: String?] = [:]
    /// The base labels of the point being translated (see `prepare`), reused from point to point.
    private(set) var base: [Label] = []
    /// Scratch space for `prepare`, reused from point to point.
    private var candidates: [LabelCandidate] = []
    /// Scratch space for `prepare`'s merge with the resource labels.
    private var merged: [Label] = []
    /// The keys of promoted resource attributes; nil promotes all.
    let promotedKeys: Set<String>?

    /// Creates a run for one request.
    init(options: TranslationOptions, translator: MetricsTranslator) {
        self.options = options
        self.translator = translator
        switch options.promotedResourceAttributes {
        case .all: promotedKeys = nil
        case .list(let keys): promotedKeys = Set(keys)
        }
    }

    // MARK: - Walking the request

    /// Translates every metric of `request`.
    mutating func translate(_ request: MetricsRequest) {
        translation.labels.reserveCapacity(request.dataPointCount)
        translation.samples.reserveCapacity(request.dataPointCount)
        for resourceMetrics in request.resourceMetrics {
            let resource = ResourceContext(resource: resourceMetrics.resource, promotedKeys: promotedKeys)
            for scopeMetrics in resourceMetrics.scopeMetrics {
                let scope = scopeMetrics.scope
                let streamContext = resource.identity + "\u{2}" + scope.name + "\u{2}" + scope.version
                for metric in scopeMetrics.metrics {
                    translate(metric, resource: resource, streamContext: streamContext)
                }
            }
        }
    }

    /// Translates one metric of a resource; `streamContext` identifies the resource and scope for delta streams.
    mutating func translate(
        _ metric: MetricsRequest.Metric, resource: ResourceContext,
        streamContext: String
    ) {
        guard let data = metric.data else { return }
        let points = data.dataPointCount
        guard points > 0 else { return }
        translation.dataPoints += points
        let kind: MetricNamer.Kind
        switch data {
        case .gauge: kind = .gauge
        case .sum(let sum): kind = sum.isMonotonic ? .counter : .upDownCounter
        case .histogram, .exponentialHistogram, .summary: kind = .distribution
        }
        guard let name = MetricNamer.name(metric.name, unit: metric.unit, kind: kind, naming: options.naming) else {
            reject(
                .invalidMetricName, points: points,
                "metric \"\(metric.name)\": the name leaves no valid Prometheus metric name")
            return
        }
        let context = MetricContext(
            otlpName: metric.name, name: name, bucketName: name + "_bucket",
            sumName: name + "_sum", countName: name + "_count", resource: resource, streamContext: streamContext)
        switch data {
        case .gauge(let gauge):
            translateNumbers(gauge.dataPoints, context: context, delta: false)
        case .sum(let sum):
            guard let delta = isDelta(sum.aggregationTemporality, points: points, context: context) else { return }
            translateNumbers(sum.dataPoints, context: context, delta: delta)
        case .histogram(let histogram):
            guard let delta = isDelta(histogram.aggregationTemporality, points: points, context: context) else {
                return
            }
            translateHistograms(histogram.dataPoints, context: context, delta: delta)
        case .exponentialHistogram(let histogram):
            guard let delta = isDelta(histogram.aggregationTemporality, points: points, context: context) else {
                return
            }
            translateExponentialHistograms(histogram.dataPoints, context: context, delta: delta)
        case .summary(let summary):
            translateSummaries(summary.dataPoints, context: context)
        }
    }

    /// Whether a temporality is delta (false for cumulative); nil, after rejecting the metric's points, for
    /// unspecified or unknown values.
    private mutating func isDelta(
        _ temporality: MetricsRequest.AggregationTemporality, points: Int,
        context: MetricContext
    ) -> Bool? {
        switch temporality {
        case .cumulative: return false
        case .delta: return true
        default:
            reject(
                .unsupportedTemporality, points: points,
                "metric \"\(context.otlpName)\": unsupported aggregation temporality \(temporality)")
            return nil
        }
    }

    // MARK: - Shared steps

    /// Moves the samples translated so far to the end of `labels` and `samples`, leaving the count of data points
    /// and the rejections in place.
    mutating func moveSamples(into labels: inout [Labels], _ samples: inout [Sample]) {
        labels.append(contentsOf: translation.labels)
        samples.append(contentsOf: translation.samples)
        translation.labels.removeAll()
        translation.samples.removeAll()
    }

    /// Records `points` rejected points, keeping `message` when it is the first of its kind.
    mutating func reject(_ kind: RejectionKind, points: Int = 1, _ message: @autoclosure () -> String) {
        translation.rejectedDataPoints += points
        if reportedKinds.insert(kind).inserted { translation.messages.append(message()) }
    }

    /// The millisecond timestamp of a point, after setting `base` to its sorted base labels (attributes, promoted
    /// resource attributes, job, instance; without `__name__`); nil after rejecting the point.
    mutating func prepare(_ time: UInt64, _ attributes: [KeyValue], _ context: MetricContext) -> Int64? {
        guard time != 0 else {
            reject(.missingTimestamp, "metric \"\(context.otlpName)\": data point without time_unix_nano")
            return nil
        }
        base.removeAll(keepingCapacity: true)
        for attribute in attributes {
            guard let name = labelName(attribute.key) else {
                reject(
                    .invalidLabelName,
                    "metric \"\(context.otlpName)\": attribute \"\(attribute.key)\" gives no valid label name")
                return nil
            }
            guard !name.hasPrefix("__") else {
                reject(
                    .reservedLabelName,
                    "metric \"\(context.otlpName)\": attribute \"\(attribute.key)\" maps to reserved label \(name)")
                return nil
            }
            base.append(Label(name: name, value: attribute.value.labelValue))
        }
        if base.count > 1, !TranslationRun.sortUniqueByName(&base) {
            // Two keys gave one label name: join their values in key order (rare, so done the slow way).
            candidates.removeAll(keepingCapacity: true)
            for attribute in attributes {
                guard let name = labelName(attribute.key) else { continue }
                candidates.append(LabelCandidate(name: name, key: attribute.key, value: attribute.value.labelValue))
            }
            LabelCandidate.resolve(&candidates, into: &base)
        }
        if !context.resource.labels.isEmpty {
            TranslationRun.merge(base, with: context.resource.labels, into: &merged)
            swap(&base, &merged)
        }
        return Int64(time / 1_000_000)
    }

    /// Sorts `labels` by name (insertion sort: lists are short); false when two share a name.
    private static func sortUniqueByName(_ labels: inout [Label]) -> Bool {
        var index = 1
        while index < labels.count {
            let label = labels[index]
            var position = index
            while position > 0, label.name < labels[position - 1].name {
                labels[position] = labels[position - 1]
                position -= 1
            }
            labels[position] = label
            if position > 0, labels[position - 1].name == label.name { return false }
            if position + 1 <= index, labels[position + 1].name == label.name { return false }
            index += 1
        }
        return true
    }

    /// The label name of an attribute key, sanitized once per request.
    private mutating func labelName(_ key: String) -> String? {
        if LabelNamer.isUsableAsIs(key) { return key }
        if let cached = labelNames[key] { return cached }
        let name = LabelNamer.name(key)
        labelNames[key] = name
        return name
    }

    /// The labels of one series: `base` plus `__name__` and an optional `le` or `quantile` label (both overriding a
    /// base label of the same name), without empty values.
    func labels(name: String, extra: Label? = nil) -> Labels {
        let nameLabel = Label(name: Labels.metricNameLabel, value: name)
        // The one or two special labels in name order, without allocating.
        var first: Label? = nameLabel
        var second = extra
        if let extra, extra.name < Labels.metricNameLabel {
            first = extra
            second = nameLabel
        }
        var result: [Label] = []
        result.reserveCapacity(base.count + 2)
        for label in base {
            while let special = first, special.name <= label.name {
                if !special.value.isEmpty { result.append(special) }
                first = second
                second = nil
            }
            if let last = result.last, last.name == label.name { continue }
            if !label.value.isEmpty { result.append(label) }
        }
        while let special = first {
            if !special.value.isEmpty { result.append(special) }
            first = second
            second = nil
        }
        return Labels(sortedUnique: result)
    }

    /// Appends a one-sample series.
    mutating func append(_ labels: Labels, timestamp: Int64, value: Double) {
        translation.append(labels, Sample(timestamp: timestamp, value: value))
    }

    /// A value as stored: any NaN becomes Prometheus's ordinary NaN, so no input can forge a stale marker.
    static func sampleValue(_ value: Double) -> Double {
        value.isNaN ? Double(bitPattern: Sample.normalNaNBits) : value
    }

    /// The `le` label value of a bucket bound, rendered once per request.
    mutating func boundName(_ bound: Double) -> String {
        if let name = boundNames[bound.bitPattern] { return name }
        let name = FloatFormat.fixed(bound)
        boundNames[bound.bitPattern] = name
        return name
    }

    /// Sets `result` to the union of the sorted point `labels` and the sorted resource labels. On a shared name the
    /// point's label wins over a promoted attribute, and `job` and `instance` win over the point's label.
    private static func merge(
        _ labels: [Label], with resource: [ResourceContext.ResourceLabel],
        into result: inout [Label]
    ) {
        result.removeAll(keepingCapacity: true)
        var left = 0
        var right = 0
        while left < labels.count || right < resource.count {
            if right == resource.count || (left < labels.count && labels[left].name < resource[right].label.name) {
                result.append(labels[left])
                left += 1
            } else if left == labels.count || resource[right].label.name < labels[left].name {
                result.append(resource[right].label)
                right += 1
            } else {
                result.append(resource[right].overrides ? resource[right].label : labels[left])
                left += 1
                right += 1
            }
        }
    }
}
