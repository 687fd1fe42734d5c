import ArgumentParser
import Leakwatch

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures beside a baseline measured in the same run.",
        discussion: "Build in release mode first: swift run -c release leakwatch bench storage",
        subcommands: [StorageBenchCommand.self, IngestBenchCommand.self, PromQLBenchCommand.self]
    )
}

struct StorageBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Append throughput, bytes per sample, range reads, restart time and memory per series.",
        discussion: """
            Workload: memory gauges (process_memory_rss_bytes per pod, growing with noise, whole 4 KiB pages), one \
            sample per series per minute. The baseline is a naive SQLite table with one row per sample, run in the \
            same process on a prefix of the same data.
            """
    )

    @Option(help: "Series in the append, disk, read and restart workloads.")
    var series = 10_000

    @Option(help: "Timestamps (one batch of every series each) in the append workload.")
    var timestamps = 720

    @Option(help: "Timestamps in the naive SQLite baseline.")
    var baselineTimestamps = 60

    @Option(help: "Samples stored for the restart figure.")
    var restartSamples = 10_000_000

    @Option(help: "Series in the memory workload.")
    var memorySeries = 50_000

    @Option(help: "Directory for the databases (default: a temporary directory, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard series > 0, timestamps > 0, baselineTimestamps > 0, memorySeries > 0 else {
            throw ValidationError("sizes must be positive")
        }
    }

    func run() throws {
        var benchmark = StorageBenchmark()
        benchmark.seriesCount = series
        benchmark.timestamps = timestamps
        benchmark.baselineTimestamps = baselineTimestamps
        benchmark.restartSamples = restartSamples
        benchmark.memorySeries = memorySeries
        benchmark.directory = directory
        try benchmark.run()
    }
}

struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "OTLP/HTTP ingest throughput and latency against a server started in this process.",
        discussion: """
            Posts pre-encoded OTLP protobuf requests of 1,000 gauge points (10 metrics × 100 pods) over keep-alive \
            connections: first as fast as answered (throughput), then at half that rate on a fixed schedule \
            (latency from each request's scheduled time). Prints the store-only append rate of the same batches.
            """
    )

    @Option(help: "Concurrent keep-alive connections.")
    var connections = 4

    @Option(help: "Rounds per pass (each sends every template once).")
    var rounds = 40

    @Option(help: "Throughput passes.")
    var passes = 3

    @Option(help: "Directory for the databases (default: a temporary directory, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard connections > 0, rounds > 0, passes > 0 else { throw ValidationError("sizes must be positive") }
    }

    func run() throws {
        var benchmark = IngestBenchmark()
        benchmark.connections = connections
        benchmark.roundsPerPass = rounds
        benchmark.passes = passes
        benchmark.directory = directory
        try benchmark.run()
    }
}

struct PromQLBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promql",
        abstract: "Rule-style PromQL evaluation: deriv and predict_linear over 2h windows at consecutive minutes.",
        discussion: """
            Stores memory gauges (one sample per series per minute) in a SQLite store, then evaluates \
            deriv(x[2h]) and predict_linear(x[2h], 14400) as range queries at consecutive minutes and reports \
            samples touched per second (series × 120 window samples × steps). The baseline runs the same \
            expression as one instant query per step on a prefix of the steps.
            """
    )

    @Option(help: "Series in the store.")
    var series = 10_000

    @Option(help: "Consecutive one-minute evaluation steps.")
    var steps = 1_440

    @Option(help: "Steps run as separate instant queries for the baseline.")
    var baselineSteps = 60

    @Option(help: "Directory for the database (default: a temporary directory, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard series > 0, steps > 0, baselineSteps > 0 else { throw ValidationError("sizes must be positive") }
    }

    func run() throws {
        var benchmark = QueryBenchmark()
        benchmark.seriesCount = series
        benchmark.steps = steps
        benchmark.baselineSteps = baselineSteps
        benchmark.directory = directory
        try benchmark.run()
    }
}
