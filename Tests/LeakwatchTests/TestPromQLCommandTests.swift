import Foundation
import TestSupport
import Testing

/// `leakwatch test promql` as a user runs it: output and exit status. The scripts avoid queries and loads so the
/// test does not depend on the engine.
struct TestPromQLCommandTests {
    private static var executable: String {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("leakwatch").path
    }

    private func leakwatch(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    private func write(_ text: String, _ name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func skippedEvalsPassWithSummaryAndVerboseReasons() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("eval instant at 1m foo\n  expect warn\n\nclear\n", "skips.test", in: directory)
        let quiet = try leakwatch(["test", "promql", path])
        #expect(quiet.status == 0)
        #expect(quiet.output == "0 passed, 0 failed, 1 skipped\n")
        let verbose = try leakwatch(["test", "promql", "--verbose", path])
        #expect(verbose.output.contains("\(path):1: foo\n  skipped: expects warn annotations"))
        #expect(verbose.output.hasSuffix("0 passed, 0 failed, 1 skipped\n"))
    }

    @Test func scriptErrorsAndUnreadableFilesExitOne() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build leakwatch first")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let bad = try write("\nbogus line\n", "bad.test", in: directory)
        let result = try leakwatch(["test", "promql", bad, directory.path + "/missing.test"])
        #expect(result.status == 1)
        #expect(
            result.output == "\(bad):2: script error: invalid command \"bogus line\"\n0 passed, 1 failed, 0 skipped\n")
        #expect(result.errors == "error: cannot read \(directory.path)/missing.test: No such file or directory\n")
    }
}
