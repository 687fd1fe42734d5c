import Foundation
import Testing
import TimeSeries

@testable import PromQL

/// Every query and every series name in Prometheus's PromQL test scripts (read from the shared conformance folder)
/// must parse, except the queries the scripts expect to fail, whose failures are not parse errors.
@Suite("Conformance scripts parse")
struct ConformanceParseTests {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/prometheus/promql")

    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }

    /// One `eval` command: the query and whether the script expects it to fail.
    struct Evaluation {
        var file: String
        var line: Int
        var query: String
        var expectsFailure: Bool
    }

    static func scripts() throws -> [(name: String, lines: [String])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".test") }.sorted()
        return try names.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return (name, text.components(separatedBy: "\n"))
        }
    }

    static func evaluations() throws -> [Evaluation] {
        let instant = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/
        let range = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/
        var result: [Evaluation] = []
        for (name, lines) in try scripts() {
            for (index, line) in lines.enumerated() {
                var query: String?
                var failing = false
                if let match = line.wholeMatch(of: instant) {
                    query = String(match.output.3)
                    failing = match.output.1 == "fail"
                } else if let match = line.wholeMatch(of: range) {
                    query = String(match.output.5)
                    failing = match.output.1 == "fail"
                }
                guard let query else { continue }
                var next = index + 1
                while next < lines.count, !lines[next].trimmingCharacters(in: .whitespaces).isEmpty {
                    if lines[next].trimmingCharacters(in: .whitespaces).hasPrefix("expect fail") { failing = true }
                    next += 1
                }
                result.append(Evaluation(file: name, line: index + 1, query: query, expectsFailure: failing))
            }
        }
        return result
    }

    @Test("every eval query parses unless the script expects a failure", .enabled(if: available))
    func queriesParse() throws {
        let evaluations = try Self.evaluations()
        #expect(evaluations.count > 1000)
        var failures: [String] = []
        for evaluation in evaluations where !evaluation.expectsFailure {
            do {
                _ = try PromQLParser.parse(evaluation.query)
            } catch {
                failures.append("\(evaluation.file):\(evaluation.line): \(evaluation.query) -> \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("queries expected to fail fail at run time, not in the parser", .enabled(if: available))
    func failingQueriesParse() throws {
        let failing = try Self.evaluations().filter(\.expectsFailure)
        #expect(failing.count >= 15)
        for evaluation in failing {
            #expect(throws: Never.self, "\(evaluation.file):\(evaluation.line)") {
                _ = try PromQLParser.parse(evaluation.query)
            }
        }
    }

    @Test("every series name of a load block parses as a metric", .enabled(if: available))
    func seriesNamesParse() throws {
        var count = 0
        var failures: [String] = []
        for (name, lines) in try Self.scripts() {
            var inLoad = false
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("load") {
                    inLoad = true
                    continue
                }
                if trimmed.isEmpty || !(line.hasPrefix(" ") || line.hasPrefix("\t")) {
                    inLoad = false
                    continue
                }
                guard inLoad, !trimmed.hasPrefix("#") else { continue }
                let metric = Self.seriesPart(of: trimmed)
                count += 1
                do {
                    let labels = try PromQLParser.parseMetric(metric)
                    if !metric.hasPrefix("{") && !labels.contains(name: "__name__") {
                        failures.append("\(name):\(index + 1): \(metric) lost its name")
                    }
                } catch {
                    failures.append("\(name):\(index + 1): \(metric) -> \(error)")
                }
            }
        }
        #expect(count > 300)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The series description before the values: up to the first space outside braces and quotes.
    static func seriesPart(of line: String) -> String {
        var depth = 0
        var quote: Character?
        var escaped = false
        var end = line.endIndex
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "{": depth += 1
            case "}": depth -= 1
            case " " where depth == 0, "\t" where depth == 0:
                end = index
            default: break
            }
            if end != line.endIndex { break }
        }
        return String(line[..<end])
    }
}
