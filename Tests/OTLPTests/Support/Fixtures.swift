import Foundation

/// The payloads in `fixtures/otlp`, found relative to this source file.
enum Fixtures {
    /// `fixtures/otlp` in the package root.
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/OTLPTests/Support/Fixtures.swift → package root.
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("fixtures/otlp", isDirectory: true)
    }()

    /// Every protobuf fixture.
    static let protobufNames = ["metrics.pb", "delta-1.pb", "delta-2.pb", "summary.pb"]
    /// Every JSON fixture.
    static let jsonNames = ["metrics.json", "metrics-snake.json", "delta-1.json", "delta-2.json", "summary.json"]

    /// The bytes of one fixture.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
