import Foundation
import HTTPServer
import TestSupport
import Testing

struct GzipTests {
    static func sample(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let words = ["process_runtime_", "memory_", "heap_used", "{service=\"api\"} ", "1234.5", "\n"].map {
            Array($0.utf8)
        }
        var bytes: [UInt8] = []
        while bytes.count < count { bytes += words.randomElement(using: &random)! }
        return Array(bytes.prefix(count))
    }

    @Test(arguments: [0, 1, 100, 65_536, 1_000_000])
    func roundTrip(size: Int) throws {
        let data = Self.sample(size)
        let compressed = Gzip.compress(data)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(try Gzip.decompress(compressed, limit: size) == data)
    }

    @Test func emptyInputIsEmpty() throws {
        #expect(try Gzip.decompress([], limit: 0) == [])
    }

    @Test func concatenatedMembersAreAllDecompressed() throws {
        let first = Self.sample(5000, seed: 1)
        let second = Self.sample(7000, seed: 2)
        let joined = Gzip.compress(first) + Gzip.compress(second)
        #expect(try Gzip.decompress(joined, limit: 12_000) == first + second)
    }

    @Test func limitIsEnforcedExactly() throws {
        let data = Self.sample(10_000)
        let compressed = Gzip.compress(data)
        #expect(try Gzip.decompress(compressed, limit: 10_000).count == 10_000)
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 9_999) }
        do {
            _ = try Gzip.decompress(compressed, limit: 9_999)
        } catch GzipError.Code.limitExceeded {
            // expected
        }
    }

    @Test func bombStopsAtTheLimit() {
        let compressed = Gzip.compress([UInt8](repeating: 0, count: 50_000_000))
        #expect(compressed.count < 100_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: GzipError(.limitExceeded, "decompressed body is larger than 1000000 bytes")) {
                try Gzip.decompress(compressed, limit: 1_000_000)
            }
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func lyingSizeTrailerStillDecompressesCorrectlyOrFails() throws {
        let data = Self.sample(100_000)
        var compressed = Gzip.compress(data)
        // ISIZE claims 10 bytes: the output must grow, and the length check then fails as corrupt.
        compressed.replaceSubrange((compressed.count - 4)..., with: [10, 0, 0, 0])
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 1_000_000) }
    }

    @Test(
        arguments: [
            ("not gzip", Array("hello world, this is plain text".utf8)),
            ("zlib header", [0x78, 0x9c, 0x01, 0x00, 0x00, 0xff, 0xff]),
            ("gzip magic only", [0x1f, 0x8b]),
            ("trailing garbage", Gzip.compress(Array("abc".utf8)) + [1, 2, 3]),
        ] as [(String, [UInt8])])
    func corruptDataIsRejected(name: String, data: [UInt8]) {
        #expect(throws: GzipError.self) { try Gzip.decompress(data, limit: 1 << 20) }
    }

    @Test func truncatedDataIsCorrupt() {
        let compressed = Gzip.compress(Self.sample(50_000))
        for length in [10, compressed.count / 2, compressed.count - 1] {
            do {
                _ = try Gzip.decompress(Array(compressed.prefix(length)), limit: 1 << 20)
                Issue.record("truncated to \(length) bytes but decompressed")
            } catch GzipError.Code.corrupt {
                // expected
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func flippedBitsNeverCrash() {
        var random = SplitMix64(seed: 99)
        let compressed = Gzip.compress(Self.sample(20_000))
        for _ in 0..<300 {
            var damaged = compressed
            let index = Int.random(in: 0..<damaged.count, using: &random)
            damaged[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            _ = try? Gzip.decompress(damaged, limit: 40_000)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip")))
    func interoperatesWithTheGzipTool() throws {
        let data = Self.sample(200_000)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/data"
        try Data(data).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", path]
        try process.run()
        process.waitUntilExit()
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
        #expect(try Gzip.decompress(compressed, limit: data.count) == data)
    }
}
