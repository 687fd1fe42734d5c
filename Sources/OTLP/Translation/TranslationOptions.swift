/// How `MetricsTranslator` turns OTLP metrics into series (ARCHITECTURE §5, reference/otlp.md §6).
public struct TranslationOptions: Sendable, Hashable {
    /// Metric naming strategies.
    public enum Naming: String, Sendable, Hashable {
        /// Prometheus's `UnderscoreEscapingWithoutSuffixes`, the default: runs of characters outside
        /// `[A-Za-z0-9_:]` become one `_`, and no unit or `_total` suffix is added, so
        /// `process.runtime.nodejs.memory.heap_used` becomes `process_runtime_nodejs_memory_heap_used`.
        case underscores
        /// Prometheus's `UnderscoreEscapingWithSuffixes`: names are tokenized, then the unit (`_seconds`, `_bytes`,
        /// `_per_second`), `_total` for monotonic sums and `_ratio` for gauges of unit `1` are appended.
        case prometheus
    }

    /// Which resource attributes become labels on every series of the resource.
    public enum PromotedAttributes: Sendable, Hashable {
        /// Every resource attribute.
        case all
        /// Only the listed attribute keys.
        case list([String])
    }

    /// The resource attributes promoted by default (ARCHITECTURE §5).
    public static let defaultPromotedResourceAttributes = [
        "service.name", "service.namespace", "host.name", "deployment.environment", "k8s.namespace.name",
        "k8s.pod.name", "k8s.container.name",
    ]

    /// The metric naming strategy.
    public var naming: Naming = .underscores
    /// Resource attributes copied, sanitized, onto every series; a data-point attribute of the same label name wins.
    /// `job` and `instance` are set from `service.namespace`/`service.name` and `service.instance.id` regardless.
    public var promotedResourceAttributes = PromotedAttributes.list(defaultPromotedResourceAttributes)
    /// The most delta streams (sums and histograms of delta temporality) accumulated at once; points that would
    /// open a stream beyond it are rejected.
    public var maxDeltaStreams: Int = 100_000
    /// A delta stream that has received no point for this long (measured in data-point time against the newest point
    /// seen) may be dropped to make room for a new stream; its next point then starts a new cumulative series, which
    /// queries see as a counter reset.
    public var deltaStreamIdleTimeout: Duration = .seconds(300)
    /// Exponential histograms finer than this scale are merged down to it before they become classic buckets, so
    /// bucket boundaries (`le`) stay stable across points and senders. At scale 0 they are powers of two. Clamped to
    /// OTLP's range -10...20.
    public var exponentialHistogramMaxScale: Int = 0
    /// The most buckets of each sign an exponential histogram may turn into; wider ones are merged down further.
    public var maxExponentialHistogramBuckets: Int = 160

    /// Creates the default options.
    public init() {}
}
