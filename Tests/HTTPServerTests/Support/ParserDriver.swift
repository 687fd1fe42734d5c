import HTTPServer
import TestSupport

/// What feeding a byte stream to a parser produced: the events in order, then the error that stopped it, if any.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var events: [HTTPParserEvent] = []
    var error: HTTPParserError?

    /// The completed requests.
    var requests: [HTTPParsedRequest] {
        events.compactMap { if case .complete(let request) = $0 { request } else { nil } }
    }

    var description: String {
        let names = events.map { event -> String in
            switch event {
            case .head(let head): "head(\(head.method) \(head.target))"
            case .complete(let request):
                "complete(\(request.head.method) \(request.head.target), \(request.body.count)B)"
            }
        }
        return "\(names) error: \(error.map { "\($0)" } ?? "none")"
    }
}

/// Feeds `bytes` to a fresh parser in pieces ending at `cuts` (sorted offsets), the way a connection would.
func parse(_ bytes: [UInt8], limits: HTTPParserLimits = .init(), cuts: [Int] = []) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var start = 0
    for end in cuts.filter({ $0 > 0 && $0 < bytes.count }) + [bytes.count] where end >= start {
        let piece = Array(bytes[start..<end])
        start = end
        var offset = 0
        while true {
            do {
                let (event, consumed) = try parser.parse(Array(piece[offset...]))
                offset += consumed
                guard let event else { break }
                outcome.events.append(event)
            } catch {
                outcome.error = error
                return outcome
            }
        }
    }
    return outcome
}

/// Parses `text` (CRLF written out) in one piece.
func parse(_ text: String, limits: HTTPParserLimits = .init()) -> ParseOutcome {
    parse(Array(text.utf8), limits: limits)
}

/// Every split of `bytes` into single bytes.
func byteAtATime(_ bytes: [UInt8]) -> [Int] {
    Array(0..<bytes.count)
}

/// Random cut points.
func randomCuts(_ count: Int, using random: inout SplitMix64) -> [Int] {
    guard count > 1 else { return [] }
    let cuts = Int.random(in: 0...min(count, 12), using: &random)
    return (0..<cuts).map { _ in Int.random(in: 1..<count, using: &random) }.sorted()
}
