import TimeSeries
import Yams

/// A YAML error Yams reports while composing, worded as yaml.v3 words it.
enum YAMLSyntaxError {
    /// Stops decoding, e.g. `yaml: line 3: did not find expected key`.
    case failure(String)
    /// A yaml.v3 type error line, e.g. `line 5: mapping key "expr" already defined at line 4` (yaml.v3 goes on
    /// decoding after it; Yams stops, so other errors of the file are not found).
    case typeError(String)

    /// Translates a Yams error for the YAML `text`.
    init(_ error: YamlError, text: String) {
        switch error {
        case let .scanner(context, problem, mark, _):
            self = .failure(Self.located(problem, context: context?.mark, problem: mark, scanner: true))
        case let .parser(context, problem, mark, _):
            self = .failure(Self.located(problem, context: context?.mark, problem: mark, scanner: false))
        case let .composer(_, problem, mark, _) where problem == "found undefined alias":
            self = .failure("yaml: unknown anchor '\(Self.aliasName(at: mark, in: text))' referenced")
        case let .composer(context, problem, mark, _):
            self = .failure(Self.located(problem, context: context?.mark, problem: mark, scanner: false))
        case let .reader(problem, _, _, _):
            self = .failure("yaml: " + problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.sorted().first ?? ""
            let first = context.mark
            let second = Self.lineOfRepeatedKey(key, after: first, in: text)
            self = .typeError(
                "line \(second): mapping key \(GoQuote.quote(key)) already defined at line \(first.line)")
        default:
            self = .failure("yaml: " + String(describing: error))
        }
    }

    /// yaml.v3's `parser.fail`: the 0-based line of the context mark (or else of the problem mark), plus one for
    /// scanner errors; no line when it is 0.
    private static func located(_ problem: String, context: Mark?, problem mark: Mark, scanner: Bool) -> String {
        var line = 0
        if let context, context.line - 1 != 0 {
            line = context.line - 1 + (scanner ? 1 : 0)
        } else if mark.line - 1 != 0 {
            line = mark.line - 1 + (scanner ? 1 : 0)
        }
        return line == 0 ? "yaml: \(problem)" : "yaml: line \(line): \(problem)"
    }

    /// The anchor name of the alias (`*name`) at `mark`.
    private static func aliasName(at mark: Mark, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return "" }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        var index = mark.column - 1
        guard index >= 0, index < scalars.count else { return "" }
        if scalars[index] == "*" { index += 1 }
        var name = String.UnicodeScalarView()
        while index < scalars.count, !" \t\r,[]{}".unicodeScalars.contains(scalars[index]) {
            name.append(scalars[index])
            index += 1
        }
        return String(name)
    }

    /// The line where `key` appears again in the same block mapping (same column) after `first`; Yams only reports
    /// the first occurrence.
    private static func lineOfRepeatedKey(_ key: String, after first: Mark, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let candidates = [key, "\"" + key + "\"", "'" + key + "'"]
        var number = first.line
        while number < lines.count {
            number += 1
            let scalars = Array(lines[number - 1].unicodeScalars)
            guard scalars.count >= first.column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(first.column - 1)...]))
            for candidate in candidates where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }
                if after.first == ":" { return number }
            }
        }
        return first.line
    }
}
