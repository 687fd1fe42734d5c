import Foundation
import Storage
import StorageCrashChild
import TestSupport
import Testing
import TimeSeries

/// Kills a child process that appends in a loop with SIGKILL at random moments, then checks that every batch whose
/// append had returned is in the store, that every batch present is complete, and that SQLite finds no damage.
@Suite(.serialized)
struct CrashSafetyTests {
    private static let seriesCount = 50

    private static var childPath: String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On macOS the test binary sits inside an .xctest bundle.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("StorageCrashChild").path
    }

    @Test(.timeLimit(.minutes(3)))
    func acknowledgedBatchesSurviveSIGKILL() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let child = CrashSafetyTests.childPath
        try #require(
            FileManager.default.isExecutableFile(atPath: child), "build the StorageCrashChild target: \(child)")
        var generator = SystemRandomNumberGenerator()
        var acknowledged = Set<Int>()
        var nextBatch = 0
        for round in 0..<6 {
            let killAfter = Double.random(in: 0.15...0.9, using: &generator)
            let acks = try runAndKill(child, directory: directory.path, first: nextBatch, after: killAfter)
            acknowledged.formUnion(acks)
            let present = try verify(directory: directory.path, mustContain: acknowledged)
            #expect(!acks.isEmpty, "round \(round): the child acknowledged nothing in \(killAfter)s")
            nextBatch = (present.max() ?? nextBatch) + 1
        }
        #expect(acknowledged.count > 20)
    }

    /// Runs the child from batch `first`, kills it after `seconds`, and returns the batches it acknowledged.
    private func runAndKill(_ child: String, directory: String, first: Int, after seconds: Double) throws -> [Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: child)
        process.arguments = [directory, String(first), String(CrashSafetyTests.seriesCount)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The kill timer starts at the first acknowledgement, so a slow start on a busy machine still gets killed
        // in the middle of its work rather than before it began.
        var text = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .uncaughtSignal, "child exited by itself: \(stderr)")
        // A line cut by the kill was never acknowledged: keep only complete lines.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { Int($0) }
    }

    /// Opens the store and checks it; returns the batches present.
    private func verify(directory: String, mustContain acknowledged: Set<Int>) throws -> Set<Int> {
        var options = StoreOptions(directory: directory)
        options.compactionIntervalMilliseconds = 3_600_000
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        let series = try store.select([.metricName("crash_test")], start: .min, end: .max)
        var samplesByBatch: [Int: Int] = [:]
        for entry in series {
            let index = try #require(entry.labels["series"].flatMap { Int($0) })
            for sample in entry.samples {
                let batch = Int(sample.timestamp / 1_000)
                #expect(
                    sample
                        == Sample(
                            timestamp: CrashBatch.timestamp(batch), value: CrashBatch.value(batch: batch, series: index)
                        ))
                samplesByBatch[batch, default: 0] += 1
            }
        }
        let present = Set(samplesByBatch.keys)
        let missing = acknowledged.subtracting(present)
        #expect(missing.isEmpty, "\(missing.count) acknowledged batches lost, e.g. \(missing.sorted().prefix(10))")
        let partial = samplesByBatch.filter { $0.value != CrashSafetyTests.seriesCount }
        #expect(partial.isEmpty, "batches present only in part: \(partial.keys.sorted().prefix(10))")
        let check = try SQLiteConnection(path: options.databasePath, mode: .readOnly)
        #expect(try check.scalarString("PRAGMA integrity_check") == "ok")
        try check.close()
        return present
    }
}
