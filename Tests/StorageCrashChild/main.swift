// A child process for the crash-safety test: appends batches in a loop and prints each batch number after its
// append returned (that is, after the commit). The test kills it with SIGKILL at a random moment and then checks
// that every printed batch is in the store. Small chunks and a fast compaction interval make the kill land in
// the middle of compactions and log trims as well as appends.
import Foundation
import Logging
import Storage
import TimeSeries

let arguments = CommandLine.arguments
guard arguments.count == 4, let first = Int(arguments[2]), let seriesCount = Int(arguments[3]) else {
    FileHandle.standardError.write("usage: StorageCrashChild DIRECTORY FIRST_BATCH SERIES\n".data(using: .utf8)!)
    exit(2)
}

var options = StoreOptions(directory: arguments[1])
options.samplesPerChunk = 8
options.chunkRangeMilliseconds = 60_000
options.outOfOrderWindowMilliseconds = 5_000
options.idleSeriesMilliseconds = 20_000
options.compactionIntervalMilliseconds = 15
var logger = Logger(label: "crash-child")
logger.logLevel = .error

let store: SeriesStore
do {
    store = try SeriesStore(options: options, logger: logger)
} catch {
    FileHandle.standardError.write("open failed: \(error)\n".data(using: .utf8)!)
    exit(3)
}

var batch = first
while true {
    let series = (0..<seriesCount).map { index in
        Series(
            labels: ["__name__": "crash_test", "series": String(index)],
            samples: [
                Sample(timestamp: CrashBatch.timestamp(batch), value: CrashBatch.value(batch: batch, series: index))
            ]
        )
    }
    do {
        let result = try store.append(series)
        guard result.accepted == seriesCount else {
            FileHandle.standardError.write(
                "batch \(batch) partly rejected: \(result.rejectionSummary)\n".data(using: .utf8)!)
            exit(4)
        }
    } catch {
        FileHandle.standardError.write("append failed: \(error)\n".data(using: .utf8)!)
        exit(5)
    }
    // Unbuffered write: the line exists only once the append has returned.
    let line = "\(batch)\n"
    _ = line.withCString { write(1, $0, strlen($0)) }
    batch += 1
}
