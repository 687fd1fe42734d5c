import Testing

@testable import PromQL

/// Runs Prometheus's PromQL test scripts and leakwatch's own (`fixtures/promql`) through the runner against the real
/// parser and engine, and expects no failures (skips are allowed and listed).
/// Prometheus's scripts are read from `../shared/conformance` next to the package; where that folder is missing the
/// test is reported as skipped.
@Suite("PromQL conformance")
struct ConformanceTests {
    /// The package root, from this file's path.
    private static var packageRoot: String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    }

    private func run(_ path: String) throws -> PromQLTestReport {
        let report = try PromQLTestRunner().run(file: path)
        for failure in report.failures { print(failure) }
        print("\(path): \(report.summary)")
        return report
    }

    @Test(
        "Prometheus's promqltest scripts pass",
        .enabled(
            if: PromQLTestScriptTests.conformanceDirectory != nil,
            "the shared conformance folder is not next to the package"),
        arguments: PromQLTestScriptTests.conformanceFiles)
    func prometheusScript(_ name: String) throws {
        let directory = try #require(
            PromQLTestScriptTests.conformanceDirectory,
            "the conformance scripts are expected in <package root>/../shared/conformance/prometheus/promql")
        let report = try run("\(directory)/\(name).test")
        #expect(report.failed == 0, "\(name).test: \(report.summary)")
        #expect(report.passed > 0)
    }

    @Test("leakwatch's own scripts pass", arguments: ["leak_detection", "leak_staleness"])
    func ownScript(_ name: String) throws {
        let report = try run("\(Self.packageRoot)/fixtures/promql/\(name).test")
        #expect(report.failed == 0, "\(name).test: \(report.summary)")
        #expect(report.skipped == 0)
        #expect(report.passed > 0)
    }
}
