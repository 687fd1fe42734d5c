/// Finds, in a query's text, features the test runner skips because leakwatch does not implement them: experimental
/// functions and aggregations, duration expressions, `fill` binary-operator modifiers and the `anchored`/`smoothed`
/// range modifiers. Works on tokens, so it also applies when the parser rejects the query.
enum ScriptFeatureScanner {
    /// Prometheus's functions that need `--enable-feature=promql-experimental-functions`.
    static let experimentalFunctions: Set<String> = [
        "double_exponential_smoothing", "end", "first_over_time", "histogram_quantiles", "info", "integral",
        "mad_over_time", "range", "sort_by_label", "sort_by_label_desc", "start", "step", "ts_of_first_over_time",
        "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
    ]

    /// Prometheus's experimental aggregations.
    static let experimentalAggregations: Set<String> = ["limitk", "limit_ratio"]

    private enum Token: Equatable {
        case identifier(String)
        case number(String)
        case string
        case punctuation(Character)
    }

    /// Why the query is out of scope, or nil.
    static func unsupportedFeature(in query: String) -> String? {
        let tokens = tokenize(query)
        var braceDepth = 0
        var bracketStart: Int?
        for (index, token) in tokens.enumerated() {
            let previous = index > 0 ? tokens[index - 1] : nil
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            switch token {
            case .punctuation("{"): braceDepth += 1
            case .punctuation("}"): braceDepth = max(0, braceDepth - 1)
            case .punctuation("[") where braceDepth == 0: bracketStart = index
            case .punctuation("]") where braceDepth == 0:
                bracketStart = nil
            case _ where bracketStart != nil && braceDepth == 0:
                switch token {
                case .number, .punctuation(":"): break
                default: return "duration expression in [...]"
                }
            case .identifier(let name) where braceDepth == 0:
                if let reason = identifierReason(name, previous: previous, next: next, following: tokens, at: index) {
                    return reason
                }
            default:
                break
            }
        }
        return nil
    }

    private static func identifierReason(
        _ name: String, previous: Token?, next: Token?, following tokens: [Token], at index: Int
    ) -> String? {
        let lower = name.lowercased()
        if experimentalFunctions.contains(lower), next == .punctuation("("), previous != .punctuation("@") {
            return "experimental function \(lower)()"
        }
        if experimentalAggregations.contains(lower), next != .punctuation("{") {
            return "experimental aggregation \(lower)"
        }
        if ["fill", "fill_left", "fill_right"].contains(lower), next == .punctuation("(") {
            return "binary operator modifier \(lower)() (fill modifiers)"
        }
        if lower == "anchored" || lower == "smoothed", next != .punctuation("("), next != .punctuation("{") {
            switch previous {
            case .punctuation("]"), .punctuation(")"), .number: return "\(lower) range modifier"
            default: break
            }
        }
        if lower == "offset" {
            var cursor = index + 1
            if cursor < tokens.count, tokens[cursor] == .punctuation("-") || tokens[cursor] == .punctuation("+") {
                cursor += 1
            }
            if cursor < tokens.count, tokens[cursor] == .punctuation("(") { return "duration expression after offset" }
        }
        return nil
    }

    private static func tokenize(_ query: String) -> [Token] {
        let characters = Array(query)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "#" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if character == "\"" || character == "'" || character == "`" {
                index += 1
                while index < characters.count, characters[index] != character {
                    if characters[index] == "\\", character != "`" { index += 1 }
                    index += 1
                }
                index += 1
                tokens.append(.string)
            } else if character.isASCII, character.isLetter || character == "_" {
                let start = index
                while index < characters.count, characters[index].isASCII,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                        || characters[index] == ":"
                {
                    index += 1
                }
                tokens.append(.identifier(String(characters[start..<index])))
            } else if character.isASCII, character.isNumber || character == "." {
                let start = index
                while index < characters.count, characters[index].isASCII,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "."
                        || characters[index] == "_"
                {
                    index += 1
                }
                tokens.append(.number(String(characters[start..<index])))
            } else {
                tokens.append(.punctuation(character))
                index += 1
            }
        }
        return tokens
    }
}
