import Foundation
import OTLP
import PromQL
import Storage
import Synchronization
import TestSupport
import TimeSeries

@testable import Leakwatch

/// A stand-in for the PromQL engine: answers with a fixed function of the call, records every call, and parses
/// simple `match[]` selectors (`name`, `name{a="b", c=~"x.*"}`, `{a!="b"}`) so series lookups work without the parser.
final class FakeEvaluator: QueryEvaluating {
    /// One call to the evaluator.
    enum Call: Hashable {
        case instant(query: String, time: Int64, timeout: Duration)
        case range(query: String, start: Int64, end: Int64, step: Int64, timeout: Duration)
    }

    let queryTimeout: Duration
    private let answer: @Sendable (Call) throws(QueryError) -> QueryValue
    private let recorded = Mutex<[Call]>([])

    init(
        timeout: Duration = .seconds(120),
        answer: @escaping @Sendable (Call) throws(QueryError) -> QueryValue = { _ throws(QueryError) in
            .vector(timestamp: 0, samples: [])
        }
    ) {
        queryTimeout = timeout
        self.answer = answer
    }

    /// The calls so far.
    var calls: [Call] { recorded.withLock { $0 } }

    func instantQuery(_ query: String, at time: Int64, timeout: Duration) throws(QueryError) -> QueryValue {
        let call = Call.instant(query: query, time: time, timeout: timeout)
        recorded.withLock { $0.append(call) }
        return try answer(call)
    }

    func rangeQuery(
        _ query: String, start: Int64, end: Int64, step: Int64, timeout: Duration
    ) throws(QueryError) -> QueryValue {
        let call = Call.range(query: query, start: start, end: end, step: step, timeout: timeout)
        recorded.withLock { $0.append(call) }
        return try answer(call)
    }

    func parseMatchers(_ selector: String) throws(ParseError) -> [Matcher] {
        var scanner = SelectorScanner(text: selector)
        return try scanner.matchers()
    }
}

/// The small selector grammar `FakeEvaluator` understands.
private struct SelectorScanner {
    let text: String
    let bytes: [UInt8]
    var index = 0

    init(text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    mutating func matchers() throws(ParseError) -> [Matcher] {
        var result: [Matcher] = []
        let name = identifier()
        if !name.isEmpty { result.append(.metricName(name)) }
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            index += 1
            while true {
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                let label = identifier()
                guard !label.isEmpty else { throw failure("unexpected character in label matching") }
                skipSpaces()
                let type = try matchType()
                skipSpaces()
                let value = try quoted()
                do {
                    result.append(try Matcher(type, label, value))
                } catch {
                    throw failure("\(error)")
                }
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
            }
        }
        skipSpaces()
        guard index == bytes.count, !result.isEmpty else { throw failure("unexpected input") }
        return result
    }

    private func failure(_ message: String) -> ParseError {
        ParseError(position: PositionRange(start: index, end: index + 1), message: message, query: text)
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    private mutating func identifier() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || byte == UInt8(ascii: "_") || (isDigit && index > start) else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func matchType() throws(ParseError) -> MatchType {
        for type in [MatchType.regexMatch, .regexNoMatch, .notEqual, .equal] {
            let symbol = Array(type.rawValue.utf8)
            if index + symbol.count <= bytes.count, Array(bytes[index..<index + symbol.count]) == symbol {
                index += symbol.count
                return type
            }
        }
        throw failure("unexpected character in label matching")
    }

    private mutating func quoted() throws(ParseError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string") }
        index += 1
        var value: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
            value.append(bytes[index])
            index += 1
        }
        guard index < bytes.count else { throw failure("unterminated quoted string") }
        index += 1
        return String(decoding: value, as: UTF8.self)
    }
}

/// A server on a free loopback port over a temporary data directory, with the query API evaluating through
/// `evaluator` (a `FakeEvaluator`, or the real `Engine`).
struct APITestServer {
    let server: LeakwatchServer
    let directory: TemporaryDirectory

    static func run(
        evaluator: (@Sendable (SeriesStore) -> any QueryEvaluating)? = nil, maxConcurrentQueries: Int = 20,
        configure: (inout LeakwatchConfig) -> Void = { _ in }, _ body: (APITestServer) throws -> Void
    ) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = directory.path
        config.ruleFiles = []
        configure(&config)
        let server = try LeakwatchServer(
            config: config, logger: quietLogger, maxConcurrentQueries: maxConcurrentQueries,
            makeEvaluator: evaluator ?? { _ in FakeEvaluator() })
        do {
            try server.start()
        } catch {
            server.store.close()
            throw error
        }
        defer { server.shutdown() }
        try body(APITestServer(server: server, directory: directory))
    }

    func client() throws -> LoopbackHTTPClient {
        try LoopbackHTTPClient(port: server.port)
    }

    /// Ingests gauges over OTLP/HTTP protobuf: `points` are (metric, attributes, timestamp ms, value).
    func ingest(_ points: [(String, [(String, String)], Int64, Double)], headers: [(String, String)] = []) throws {
        var builder = OTLPRequestBuilder(resource: [("service.name", "checkout"), ("service.instance.id", "i-1")])
        var order: [String] = []
        var byMetric: [String: [OTLPRequestBuilder.Point]] = [:]
        for (metric, attributes, timestamp, value) in points {
            if byMetric[metric] == nil { order.append(metric) }
            byMetric[metric, default: []].append(
                OTLPRequestBuilder.Point(attributes: attributes, timestamp: timestamp, value: value))
        }
        for metric in order { builder.addGauge(metric, byMetric[metric] ?? []) }
        let response = try client().request(
            "POST", "/v1/metrics", headers: [("Content-Type", "application/x-protobuf")] + headers,
            body: builder.encoded())
        guard response.status == 200 else {
            throw LoopbackHTTPClient.ClientError(description: "ingest answered \(response.status)")
        }
    }
}

extension LoopbackHTTPClient.Response {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension LoopbackHTTPClient {
    /// A form-encoded POST, as Grafana sends API requests.
    func postForm(_ path: String, _ form: String, headers: [(String, String)] = []) throws -> Response {
        try request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array(form.utf8))
    }
}

/// The current time in milliseconds.
func nowMilliseconds() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
}
