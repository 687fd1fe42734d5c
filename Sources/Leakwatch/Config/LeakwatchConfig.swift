public import Notify
public import OTLP
public import Storage

/// Everything `leakwatch serve` can be configured with; every field has a default, so no file is needed to start.
///
/// The YAML shape is ARCHITECTURE §8's (`listen`, `data_dir`, `retention`, `storage.fsync`, `otlp.*`, `auth.*`,
/// `limits.*`, `rule_files`, `evaluation_interval`, `external_url`, `external_labels`, `receivers`). Unknown keys are
/// rejected by name rather than silently ignored.
public struct LeakwatchConfig: Sendable, Hashable {
    /// How OTLP metric names are translated (`underscores` or `prometheus`).
    public typealias Naming = TranslationOptions.Naming
    /// Which resource attributes become labels (`all` or a list).
    public typealias PromotedAttributes = TranslationOptions.PromotedAttributes

    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 picks a free one.
    public var port = 4318
    /// Directory holding `leakwatch.sqlite`.
    public var dataDirectory = "./data"
    /// How long samples are kept, in milliseconds.
    public var retentionMilliseconds: Int64 = 15 * 86_400_000
    /// Commit durability.
    public var durability: StoreOptions.Durability = .normal
    /// OTLP metric naming.
    public var naming: Naming = .underscores
    /// Promoted resource attributes.
    public var promotedResourceAttributes: PromotedAttributes = .list(
        TranslationOptions.defaultPromotedResourceAttributes)
    /// Largest accepted request body, before and after decompression.
    public var maxBodyBytes = 64 << 20
    /// Bearer tokens accepted on `/v1/*`; empty means open.
    public var ingestTokens: [String] = []
    /// Bearer tokens accepted on `/api/*` and `/metrics`; empty means open.
    public var apiTokens: [String] = []
    /// Maximum active series.
    public var maxSeries = 1_000_000
    /// Maximum active series per metric name.
    public var maxSeriesPerMetric = 100_000
    /// Rule files to load (globs, relative to the working directory).
    public var ruleFiles = ["rules/*.yml"]
    /// The evaluation interval of rule groups that set none, ms.
    public var evaluationIntervalMilliseconds: Int64 = 60_000
    /// The URL leakwatch is reached at, for alert `generatorURL`s and templates; nil means `http://<listen>`.
    public var externalURL: String?
    /// Labels added to alerts sent out and available to templates as `$externalLabels`.
    public var externalLabels: [String: String] = [:]
    /// Where alerts are sent (`receivers:`), in file order; names are unique. Empty: alerts are only served.
    public var receivers: [ReceiverConfig] = []

    /// The defaults.
    public init() {}

    /// `host:port` as configured.
    public var listenAddress: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The external URL in effect.
    public var effectiveExternalURL: String {
        externalURL ?? "http://\(listenAddress)"
    }

    /// Store options for this configuration.
    public var storeOptions: StoreOptions {
        var options = StoreOptions(directory: dataDirectory)
        options.retentionMilliseconds = retentionMilliseconds
        options.durability = durability
        options.maxSeries = maxSeries
        options.maxSeriesPerMetric = maxSeriesPerMetric
        return options
    }
}
