import TimeSeries

/// Runs one parsed script against a backend, as Prometheus's `promqltest` harness does, and collects the report.
struct ScriptExecution<Backend: PromQLTestBackend> {
    let script: PromQLTestScript
    let backend: Backend
    let settings: PromQLTestRunner.Settings
    private(set) var report = PromQLTestReport()
    /// Series loaded with native histogram values since the last `clear`, with their `load` line.
    private var histogramSeries: [(labels: Labels, line: Int)] = []
    /// The line of a `load_with_nhcb` since the last `clear`.
    private var nhcbLine: Int?

    init(script: PromQLTestScript, backend: Backend, settings: PromQLTestRunner.Settings) {
        self.script = script
        self.backend = backend
        self.settings = settings
    }

    mutating func run() -> PromQLTestReport {
        for command in script.commands {
            switch command {
            case .load(let load): self.load(load)
            case .clear:
                backend.clear()
                histogramSeries = []
                nhcbLine = nil
            case .eval(let eval): evaluate(eval)
            }
        }
        return report
    }

    // MARK: - load

    private mutating func load(_ command: LoadCommand) {
        if command.withNHCB { nhcbLine = command.line }
        var order: [Labels] = []
        var samples: [Labels: [Sample]] = [:]
        for entry in command.series {
            let labels: Labels
            do {
                labels = try backend.parseMetric(entry.metric)
            } catch {
                fail(line: entry.line, entry.metric, "invalid series in load: \(error)")
                continue
            }
            guard let values = entry.values else {
                histogramSeries.append((labels, command.line))
                continue
            }
            if samples[labels] == nil { order.append(labels) }
            samples[labels] = values.enumerated().compactMap { index, slot in
                slot.float.map { Sample(timestamp: Int64(index) * command.interval, value: $0) }
            }
        }
        let batch = order.map { Series(labels: $0, samples: samples[$0] ?? []) }
        do {
            let result = try backend.append(batch)
            if result.rejectedCount > 0 {
                fail(line: command.line, "load", "the store rejected samples: \(result.rejectionSummary)")
            }
        } catch {
            fail(line: command.line, "load", "loading failed: \(error)")
        }
    }

    // MARK: - eval

    private mutating func evaluate(_ command: EvalCommand) {
        if let filter = settings.filter, !TextExpectation.regex(filter).matches(command.expression) { return }
        var parsed: Expr?
        if let reason = skipReason(command, parsed: &parsed) {
            report.skips.append(
                PromQLTestSkip(
                    file: script.fileName, line: command.line, expression: command.expression, reason: reason))
            return
        }
        let expectation: ResultExpectation
        do {
            expectation = try resolve(command)
        } catch {
            report.failures.append(error.failure)
            return
        }
        let failure: PromQLTestFailure?
        switch command.timing {
        case .instant: failure = runInstant(command, expectation, parsed: parsed)
        case .range(let start, let end, let step):
            failure =
                runQuery(command, expectation, context: "") { () throws(QueryError) in
                    try backend.rangeQuery(command.expression, start: start, end: end, step: step)
                }.failure
        }
        if let failure {
            report.failures.append(failure)
        } else {
            report.passed += 1
        }
    }

    /// Why the evaluation cannot run here, or nil; `parsed` receives the parse of the query when it has one.
    private func skipReason(_ command: EvalCommand, parsed: inout Expr?) -> String? {
        if let nhcbLine {
            return "native histograms with custom buckets (load_with_nhcb at line \(nhcbLine)) are not supported"
        }
        if settings.skipAnnotationExpectations {
            if command.expectsWarning { return "expects warn annotations, which leakwatch does not produce" }
            if command.expectsInfo { return "expects info annotations, which leakwatch does not produce" }
        }
        if let series = command.expectedSeries.first(where: { $0.values == nil }) {
            return "native histogram in the expected result (line \(series.line))"
        }
        if let feature = ScriptFeatureScanner.unsupportedFeature(in: command.expression) {
            return feature
        }
        guard let expr = try? backend.parseExpression(command.expression) else { return nil }
        parsed = expr
        if let feature = ScriptExprInspector.experimentalFeature(in: expr) { return feature }
        for selector in ScriptExprInspector.selectors(in: expr) {
            if let series = histogramSeries.first(where: { entry in
                selector.matchers.allSatisfy { $0.matches(entry.labels) }
            }) {
                return "selects \(series.labels), loaded with native histogram values at line \(series.line)"
            }
        }
        return nil
    }

    /// The expectation with its labels read.
    private func resolve(_ command: EvalCommand) throws(ResolveError) -> ResultExpectation {
        var expectation = ResultExpectation(
            scalar: command.expectedScalar, string: command.expectedString ?? "", series: [:], order: [],
            ordered: command.ordered, start: 0, end: 0, step: 0)
        switch command.timing {
        case .instant(let at):
            if let range = command.rangeVector {
                (expectation.start, expectation.end, expectation.step) = (range.start, range.end, range.step)
            } else {
                (expectation.start, expectation.end) = (at, at)
            }
        case .range(let start, let end, let step):
            (expectation.start, expectation.end, expectation.step) = (start, end, step)
        }
        for (index, line) in command.expectedSeries.enumerated() {
            let labels: Labels
            do {
                labels = try backend.parseMetric(line.metric)
            } catch {
                throw ResolveError(
                    failure: PromQLTestFailure(
                        file: script.fileName, line: line.line, expression: line.metric,
                        message: "invalid expected series: \(error)"))
            }
            if expectation.series[labels] == nil { expectation.order.append(labels) }
            expectation.series[labels] = ResultExpectation.Entry(position: index + 1, values: line.values ?? [])
        }
        return expectation
    }

    /// An expected series whose labels do not parse.
    private struct ResolveError: Error {
        var failure: PromQLTestFailure
    }

    // MARK: - Queries

    /// The instant query, then (as the harness does) the same query with every selector pinned by `@` at other
    /// evaluation times, each also checked in range mode.
    private func runInstant(
        _ command: EvalCommand, _ expectation: ResultExpectation, parsed: Expr?
    ) -> PromQLTestFailure? {
        guard let time = command.instantTime else { return nil }
        var runs: [(query: String, time: Int64, context: String)] = [(command.expression, time, "")]
        if settings.checkAtModifier, let parsed, !ScriptExprInspector.hasAtModifierUnsafeFunction(parsed) {
            let pinned = ScriptExprInspector.pinningSelectors(of: parsed, in: command.expression, at: time)
            let times = time == 0 ? [-1000, 0, 1000] : [-10 * time, 0, time / 5, time, 10 * time]
            for other in times {
                runs.append((pinned, other, "@-modifier check: \(pinned) at \(PromQLTestFormat.time(other))"))
            }
        }
        for run in runs {
            let (result, failure) = runQuery(command, expectation, context: run.context) { () throws(QueryError) in
                try backend.instantQuery(run.query, at: run.time)
            }
            if let failure { return failure }
            if let result, let failure = rangeModeCheck(command, expectation, run, instantResult: result) {
                return failure
            }
        }
        return nil
    }

    /// Runs one query and checks the error or the result; the result is returned when it matched.
    private func runQuery(
        _ command: EvalCommand, _ expectation: ResultExpectation, context: String,
        _ query: () throws(QueryError) -> QueryValue
    ) -> (result: QueryValue?, failure: PromQLTestFailure?) {
        let prefix = context.isEmpty ? "" : context + "\n"
        let result: QueryValue
        do {
            result = try query()
        } catch {
            guard command.expectsFailure else {
                return (nil, failure(command, prefix + "query failed", expected: nil, got: "error: \(error.message)"))
            }
            if let unmatched = command.failMessages.first(where: { !$0.matches(error.message) }) {
                return (
                    nil,
                    failure(
                        command, prefix + "the query failed with another error", expected: unmatched.description,
                        got: "error \"\(error.message)\"")
                )
            }
            return (nil, nil)
        }
        if command.expectsFailure {
            let expected = command.failMessages.first?.description ?? TextExpectation.any.description
            return (
                nil,
                failure(
                    command, prefix + "expected the query to fail, but it succeeded", expected: expected,
                    got: PromQLTestFormat.result(result))
            )
        }
        if let mismatch = expectation.mismatch(result) {
            return (nil, failure(command, prefix + mismatch.message, expected: mismatch.expected, got: mismatch.got))
        }
        return (result, nil)
    }

    /// The harness's range-mode check: the query as a range query from T-1m to T+1m step 1m must give the expected
    /// result at T. Skipped for `expect range vector`/`expect string`, for queries with `start()`, `end()`,
    /// `range()` or `step()`, and (after running) for ordered expectations.
    private func rangeModeCheck(
        _ command: EvalCommand, _ expectation: ResultExpectation, _ run: (query: String, time: Int64, context: String),
        instantResult: QueryValue
    ) -> PromQLTestFailure? {
        guard settings.checkRangeMode, command.rangeVector == nil, command.expectedString == nil,
            !["start()", "end()", "range()", "step()"].contains(where: { run.query.contains($0) })
        else { return nil }
        let context =
            (run.context.isEmpty ? "" : run.context + "\n")
            + "range-mode check: \(run.query) from \(PromQLTestFormat.time(run.time - 60_000)) to "
            + "\(PromQLTestFormat.time(run.time + 60_000)) step 1m, point at \(PromQLTestFormat.time(run.time))"
        let rangeResult: QueryValue
        do {
            rangeResult = try backend.rangeQuery(
                run.query, start: run.time - 60_000, end: run.time + 60_000, step: 60_000)
        } catch {
            return failure(command, context + "\nquery failed", expected: nil, got: "error: \(error.message)")
        }
        if expectation.ordered { return nil }
        guard case .matrix(let matrix) = rangeResult else {
            return failure(
                command, context + "\nthe range query returned a \(rangeResult.resultType)", expected: "matrix",
                got: PromQLTestFormat.result(rangeResult))
        }
        let middle = matrix.compactMap { series in
            series.samples.first(where: { $0.timestamp == run.time }).map {
                InstantSample(labels: series.labels, timestamp: run.time, value: $0.value)
            }
        }
        let value: QueryValue
        if case .scalar = instantResult {
            guard let first = middle.first else {
                return failure(
                    command, context + "\nno point at the evaluation time", expected: "a scalar",
                    got: PromQLTestFormat.result(rangeResult))
            }
            value = .scalar(timestamp: run.time, value: first.value)
        } else {
            value = .vector(timestamp: run.time, samples: middle)
        }
        if let mismatch = expectation.mismatch(value) {
            return failure(command, context + "\n" + mismatch.message, expected: mismatch.expected, got: mismatch.got)
        }
        return nil
    }

    // MARK: - Failures

    private func failure(_ command: EvalCommand, _ message: String, expected: String?, got: String?)
        -> PromQLTestFailure
    {
        PromQLTestFailure(
            file: script.fileName, line: command.line, expression: command.expression, message: message,
            expected: expected, got: got)
    }

    private mutating func fail(line: Int, _ text: String, _ message: String) {
        report.failures.append(
            PromQLTestFailure(file: script.fileName, line: line, expression: text, message: message))
    }
}
