import TimeSeries

/// Reads the lines of a PromQL test script into commands, following Prometheus's `promqltest` parser.
struct PromQLTestScriptParser {
    private let lines: [String]
    private let fileName: String
    private var index = 0

    init(source: String, fileName: String) {
        self.fileName = fileName
        lines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = PromQLTestScriptParser.trimmed(String(decoding: bytes, as: UTF8.self))
            return line.hasPrefix("#") ? "" : line
        }
    }

    mutating func parse() throws(PromQLTestScriptError) -> [PromQLTestScript.Command] {
        var commands: [PromQLTestScript.Command] = []
        index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty {
                index += 1
                continue
            }
            let command = PromQLTestScriptParser.words(line).first.map { $0.lowercased() } ?? ""
            if command == "clear" {
                commands.append(.clear(line: index + 1))
            } else if command.hasPrefix("load") {
                commands.append(.load(try parseLoad()))
            } else if command.hasPrefix("eval") {
                commands.append(.eval(try parseEval()))
            } else {
                throw error("invalid command \"\(line)\"")
            }
            index += 1
        }
        return commands
    }

    // MARK: - load

    private mutating func parseLoad() throws(PromQLTestScriptError) -> LoadCommand {
        let line = lines[index]
        let words = PromQLTestScriptParser.words(line)
        guard words.count == 2, words[0] == "load" || words[0] == "load_with_nhcb" else {
            throw error("invalid load command. (load[_with_nhcb] <step:duration>)")
        }
        guard let interval = PrometheusDuration.milliseconds(words[1]) else {
            throw error("invalid step definition \"\(words[1])\"")
        }
        var command = LoadCommand(line: index + 1, interval: interval, withNHCB: words[0] != "load", series: [])
        while index + 1 < lines.count, !lines[index + 1].isEmpty {
            index += 1
            let (metric, values) = try seriesLine(lines[index])
            command.series.append(LoadCommand.SeriesLine(line: index + 1, metric: metric, values: values))
        }
        return command
    }

    // MARK: - eval

    private mutating func parseEval() throws(PromQLTestScriptError) -> EvalCommand {
        var command = try evalHeader(lines[index])
        var expectRangeVector = false
        var failLines = 0
        while index + 1 < lines.count, !lines[index + 1].isEmpty {
            index += 1
            let line = lines[index]
            if command.expectsFailure, let message = line.removingPrefix("expected_fail_message") {
                command.failMessages.append(.message(PromQLTestScriptParser.trimmed(message)))
                break
            }
            if command.expectsFailure, let pattern = line.removingPrefix("expected_fail_regexp") {
                let pattern = PromQLTestScriptParser.trimmed(pattern)
                guard TextExpectation.isValidRegex(pattern) else {
                    throw error(in: command, "invalid regexp '\(pattern)' for expected_fail_regexp")
                }
                command.failMessages.append(.regex(pattern))
                break
            }
            if line.hasPrefix("expect range vector") {
                command.rangeVector = try rangeVector(line, command)
                expectRangeVector = true
                continue
            }
            if line.hasPrefix("expect string") {
                command.expectedString = try expectedString(line, command)
                continue
            }
            if line.split(separator: " ", omittingEmptySubsequences: false).first == "expect" {
                try addExpectation(line, to: &command, failLines: &failLines)
                continue
            }
            if let scalar = GoNumber.parse(line) {
                command.expectedScalar = scalar
                break
            }
            let (metric, values) = try seriesLine(line)
            if let values, values.count > 1, case .instant = command.timing, !expectRangeVector {
                throw error(
                    in: command,
                    "expecting multiple values in instant evaluation not allowed. consider using 'expect range "
                        + "vector' directive to enable a range vector result for an instant query")
            }
            if let values, values.isEmpty, case .instant = command.timing, !expectRangeVector {
                throw error(in: command, "expected a value for \(metric)")
            }
            command.expectedSeries.append(EvalCommand.ExpectedSeries(line: index + 1, metric: metric, values: values))
        }
        return command
    }

    /// `eval[_fail|_warn|_ordered|_info] instant at <time> <expr>` or
    /// `eval[_fail|_warn|_info] range from <start> to <end> step <step> <expr>`.
    private func evalHeader(_ line: String) throws(PromQLTestScriptError) -> EvalCommand {
        let invalid = error(
            "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered|_info] instant [at "
                + "<offset:duration>] <query>' or 'eval[_fail|_warn|_info] range from <from> to <to> step <step> "
                + "<query>'")
        guard let (head, afterHead) = PromQLTestScriptParser.firstWord(line),
            let (kind, afterKind) = PromQLTestScriptParser.firstWord(afterHead)
        else { throw invalid }
        let modifier: String
        switch head {
        case "eval": modifier = ""
        case "eval_fail", "eval_warn", "eval_info": modifier = String(head.dropFirst(5))
        case "eval_ordered" where kind == "instant": modifier = "ordered"
        default: throw invalid
        }
        var command: EvalCommand
        switch kind {
        case "instant":
            guard let (at, afterAt) = PromQLTestScriptParser.firstWord(afterKind), at == "at",
                let (time, expression) = PromQLTestScriptParser.firstWord(afterAt), !expression.isEmpty
            else { throw invalid }
            guard let milliseconds = PrometheusDuration.milliseconds(time) else {
                throw error("error in eval \(expression) (line \(index + 1)): invalid timestamp definition \"\(time)\"")
            }
            command = EvalCommand(line: index + 1, expression: expression, timing: .instant(at: milliseconds))
        case "range":
            guard let (from, afterFrom) = PromQLTestScriptParser.firstWord(afterKind), from == "from",
                let parts = PromQLTestScriptParser.splitRange(afterFrom, requireExpression: true)
            else { throw invalid }
            let (start, end, step) = try durations(parts.from, parts.to, parts.step, expression: parts.expression)
            command = EvalCommand(
                line: index + 1, expression: parts.expression, timing: .range(start: start, end: end, step: step))
        default:
            throw invalid
        }
        switch modifier {
        case "fail": command.expectsFailure = true
        case "warn": command.expectsWarning = true
        case "info": command.expectsInfo = true
        case "ordered": command.ordered = true
        default: break
        }
        return command
    }

    private func durations(
        _ from: String, _ to: String, _ step: String, expression: String
    ) throws(PromQLTestScriptError) -> (Int64, Int64, Int64) {
        let prefix = "error in eval \(expression) (line \(index + 1)): "
        guard let start = PrometheusDuration.milliseconds(from) else {
            throw error(prefix + "invalid start timestamp definition \"\(from)\"")
        }
        guard let end = PrometheusDuration.milliseconds(to) else {
            throw error(prefix + "invalid end timestamp definition \"\(to)\"")
        }
        guard end >= start else {
            throw error(
                prefix + "invalid test definition, end timestamp (\(to)) is before start timestamp (\(from))")
        }
        guard let stepMilliseconds = PrometheusDuration.milliseconds(step) else {
            throw error(prefix + "invalid step definition \"\(step)\"")
        }
        return (start, end, stepMilliseconds)
    }

    private func rangeVector(
        _ line: String, _ command: EvalCommand
    ) throws(PromQLTestScriptError) -> EvalCommand.RangeVector {
        let rest = String(line.dropFirst("expect range vector".count))
        guard rest.first?.isWhitespace == true,
            let (from, afterFrom) = PromQLTestScriptParser.firstWord(rest), from == "from",
            let parts = PromQLTestScriptParser.splitRange(afterFrom, requireExpression: false)
        else { throw error(in: command, "invalid range vector definition \"\(line)\"") }
        let (start, end, step) = try durations(parts.from, parts.to, parts.step, expression: command.expression)
        return EvalCommand.RangeVector(start: start, end: end, step: step)
    }

    private func expectedString(_ line: String, _ command: EvalCommand) throws(PromQLTestScriptError) -> String {
        guard line != "expect string", let quoted = line.removingPrefix("expect string "), !quoted.isEmpty else {
            throw error(in: command, "expected string literal not valid - a quoted string literal is required")
        }
        guard let string = GoNumber.unquote(quoted) else {
            throw error(in: command, "expected string literal not valid - check that the string is correctly quoted")
        }
        return string
    }

    /// `expect <ordered|fail|warn|no_warn|info|no_info> [msg|regex: <text>]`.
    private func addExpectation(
        _ line: String, to command: inout EvalCommand, failLines: inout Int
    ) throws(PromQLTestScriptError) {
        let invalid = error(
            in: command, "invalid expect statement, must match `expect <type> <match_type>: <string>` format")
        guard let (_, afterExpect) = PromQLTestScriptParser.firstWord(line),
            let (type, rest) = PromQLTestScriptParser.firstWord(afterExpect)
        else { throw invalid }
        var expectation = TextExpectation.any
        if !rest.isEmpty {
            let matchType: String
            if rest.hasPrefix("msg:") {
                matchType = "msg"
            } else if rest.hasPrefix("regex:") {
                matchType = "regex"
            } else {
                throw invalid
            }
            let text = PromQLTestScriptParser.trimmed(String(rest.dropFirst(matchType.count + 1)))
            guard rest.count > matchType.count + 1 else { throw invalid }
            if matchType == "msg" {
                expectation = .message(text)
            } else {
                guard TextExpectation.isValidRegex(text) else {
                    throw error(in: command, "invalid regex \(text) for \(type)")
                }
                expectation = .regex(text)
            }
        }
        switch type {
        case "ordered": command.ordered = true
        case "fail":
            failLines += 1
            guard failLines == 1 else {
                throw error(in: command, "invalid expect lines, multiple expect fail lines are not allowed")
            }
            command.expectsFailure = true
            command.failMessages.append(expectation)
        case "warn":
            command.expectsWarning = true
            command.warningMessages.append(expectation)
        case "info":
            command.expectsInfo = true
            command.infoMessages.append(expectation)
        case "no_warn": command.noWarnings = true
        case "no_info": command.noInfo = true
        default: throw invalid
        }
        if command.expectsInfo && command.noInfo {
            throw error(in: command, "invalid expect lines, info and no_info cannot be used together")
        }
        if command.expectsWarning && command.noWarnings {
            throw error(in: command, "invalid expect lines, warn and no_warn cannot be used together")
        }
    }

    // MARK: - Helpers

    /// Reads `metric{labels} values`; values are nil when they hold native histograms.
    private func seriesLine(_ line: String) throws(PromQLTestScriptError) -> (String, [SequenceValue]?) {
        do {
            let (metric, valuesText) = try SeriesDescription.split(line)
            do {
                return (metric, try SeriesValues.parse(valuesText))
            } catch  where error.kind == .nativeHistogram {
                return (metric, nil)
            }
        } catch {
            throw self.error("invalid series line \"\(line)\": \(error.message)")
        }
    }

    private func error(_ message: String) -> PromQLTestScriptError {
        PromQLTestScriptError(fileName: fileName, line: index + 1, message: message)
    }

    private func error(in command: EvalCommand, _ message: String) -> PromQLTestScriptError {
        error("error in eval \(command.expression) (line \(command.line)): \(message)")
    }

    /// Go's `strings.TrimSpace`.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// Words separated by spaces and tabs.
    static func words(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The first whitespace-separated word and the rest after the whitespace that follows it.
    static func firstWord(_ text: String) -> (String, String)? {
        let trimmed = text.drop(while: { $0.isWhitespace })
        guard !trimmed.isEmpty else { return nil }
        let word = trimmed.prefix(while: { !$0.isWhitespace })
        let rest = trimmed.dropFirst(word.count).drop(while: { $0.isWhitespace })
        return (String(word), String(rest))
    }

    /// Splits `<from> to <to> step <step> [<expr>]` like the harness's regular expressions
    /// (`(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$`): the last ` to ` and ` step ` that leave a valid rest win.
    static func splitRange(
        _ text: String, requireExpression: Bool
    ) -> (from: String, to: String, step: String, expression: String)? {
        let characters = Array(text)
        for toWord in keywordPositions("to", in: characters).reversed() {
            let from = String(characters[..<(toWord.before)])
            let afterTo = Array(characters[toWord.after...])
            for stepWord in keywordPositions("step", in: afterTo).reversed() {
                let to = String(afterTo[..<(stepWord.before)])
                let rest = String(afterTo[stepWord.after...])
                guard !from.isEmpty, !to.isEmpty else { continue }
                if requireExpression {
                    guard let (step, expression) = firstWord(rest), !expression.isEmpty else { continue }
                    return (from, to, step, expression)
                }
                guard !rest.isEmpty else { continue }
                return (from, to, rest, "")
            }
        }
        return nil
    }

    /// Occurrences of `\s+keyword\s+`: `before` ends the text before it (the greedy `(.+)` keeps all but the last
    /// whitespace), `after` starts the text after the following whitespace.
    private static func keywordPositions(_ keyword: String, in characters: [Character]) -> [(before: Int, after: Int)] {
        let word = Array(keyword)
        var positions: [(before: Int, after: Int)] = []
        var index = 1
        while index + word.count < characters.count {
            if characters[index - 1].isWhitespace, Array(characters[index..<(index + word.count)]) == word,
                characters[index + word.count].isWhitespace
            {
                var after = index + word.count
                while after < characters.count, characters[after].isWhitespace { after += 1 }
                positions.append((before: index - 1, after: after))
            }
            index += 1
        }
        return positions
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
