/// Prometheus's template function map (`template.NewTemplateExpander`), without the console-only `tmpl`.
enum PrometheusFunctions {
    typealias Failure = TemplateFunction.Failure

    private static let nilDereference = Failure("runtime error: invalid memory address or nil pointer dereference")

    private static func string(_ value: TemplateValue) -> String {
        if case .string(let text) = value { return text }
        return ""
    }

    private static func stringFunction(_ transform: @escaping @Sendable (String) -> String) -> TemplateFunction {
        TemplateFunction([.string]) { args, _ in .string(transform(string(args[0]))) }
    }

    private static func numberFunction(_ transform: @escaping @Sendable (Double) throws(Failure) -> TemplateValue)
        -> TemplateFunction
    {
        TemplateFunction([.any]) { args, _ throws(Failure) in try transform(try Humanize.toFloat(args[0])) }
    }

    private static func sample(_ value: TemplateValue) throws(Failure) -> TemplateQuerySample {
        guard case .sample(let sample?) = value else { throw nilDereference }
        return sample
    }

    private static func compile(_ pattern: String) -> Result<GoRegex, GoRegex.SyntaxError> {
        GoRegex.compile(pattern)
    }

    static let functions: [String: TemplateFunction] = [
        "query": TemplateFunction([.string]) { args, environment throws(Failure) in
            guard let query = environment.query else { throw Failure("queries are not available here") }
            do {
                return .queryResult(try query(string(args[0])))
            } catch {
                throw Failure(String(describing: error))
            }
        },
        "first": TemplateFunction([.queryResult]) { args, _ throws(Failure) in
            guard case .queryResult(let samples) = args[0], let first = samples.first else {
                throw Failure("first() called on vector with no elements")
            }
            return .sample(first)
        },
        "label": TemplateFunction([.string, .sample]) { args, _ throws(Failure) in
            .string(try sample(args[1]).labels[string(args[0])] ?? "")
        },
        "value": TemplateFunction([.sample]) { args, _ throws(Failure) in .float(try sample(args[0]).value) },
        "strvalue": TemplateFunction([.sample]) { args, _ throws(Failure) in
            .string(try sample(args[0]).labels["__value__"] ?? "")
        },
        "args": TemplateFunction([], variadic: .any) { args, _ in
            var map: [String: TemplateValue] = [:]
            for (index, arg) in args.enumerated() { map["arg\(index)"] = arg }
            return .anyMap(map)
        },
        "reReplaceAll": TemplateFunction([.string, .string, .string]) { args, _ throws(Failure) in
            let pattern = string(args[0])
            switch compile(pattern) {
            case .success(let regex):
                return .string(regex.replaceAll(string(args[2]), with: string(args[1])))
            case .failure(let error):
                let quoted = GoText.canBackquote(pattern) ? "`" + pattern + "`" : GoText.quote(pattern)
                throw Failure("regexp: Compile(\(quoted)): \(error.description)")
            }
        },
        "match": TemplateFunction([.string, .string]) { args, _ throws(Failure) in
            switch compile(string(args[0])) {
            case .success(let regex): return .bool(regex.matches(string(args[1])))
            case .failure(let error): throw Failure(error.description)
            }
        },
        "safeHtml": TemplateFunction([.string]) { args, _ in .html(string(args[0])) },
        "title": stringFunction(PrometheusText.title),
        "toUpper": stringFunction { PrometheusText.mapCase($0, upper: true) },
        "toLower": stringFunction { PrometheusText.mapCase($0, upper: false) },
        "graphLink": stringFunction { "/graph?g0.expr=\(GoEscaping.queryEscape($0))&g0.tab=0" },
        "tableLink": stringFunction { "/graph?g0.expr=\(GoEscaping.queryEscape($0))&g0.tab=1" },
        "sortByLabel": TemplateFunction([.string, .queryResult]) { args, _ in
            guard case .queryResult(let samples) = args[1] else { return args[1] }
            let label = string(args[0])
            let ordered = samples.enumerated().sorted { lhs, rhs in
                let left = lhs.element.labels[label] ?? ""
                let right = rhs.element.labels[label] ?? ""
                if left != right { return GoText.less(left, right) }
                return lhs.offset < rhs.offset
            }
            return .queryResult(ordered.map(\.element))
        },
        "stripPort": stringFunction { PrometheusText.splitHostPort($0)?.host ?? $0 },
        "stripDomain": stringFunction { hostPort in
            let split = PrometheusText.splitHostPort(hostPort)
            let host = split?.host ?? hostPort
            if PrometheusText.isIP(host) { return hostPort }
            let label = String(String.UnicodeScalarView(host.unicodeScalars.prefix { $0 != "." }))
            if let port = split?.port, !port.isEmpty { return PrometheusText.joinHostPort(label, port) }
            return label
        },
        "humanize": numberFunction { .string(Humanize.humanize($0)) },
        "humanize1024": numberFunction { .string(Humanize.humanize1024($0)) },
        "humanizeDuration": numberFunction { .string(Humanize.humanizeDuration($0)) },
        "humanizePercentage": numberFunction { .string(Humanize.humanizePercentage($0)) },
        "humanizeTimestamp": numberFunction { value throws(Failure) in .string(try Humanize.humanizeTimestamp(value)) },
        "toTime": numberFunction { value throws(Failure) in .time(try Humanize.timeNanoseconds(value), pointer: true) },
        "toDuration": numberFunction { .duration(Humanize.goInt64($0 * 1e9), pointer: true) },
        "now": TemplateFunction([]) { _, environment in .float(Double(environment.evaluationTime) / 1000) },
        "pathPrefix": TemplateFunction([]) { _, environment in .string(PrometheusText.urlPath(environment.externalURL))
        },
        "externalURL": TemplateFunction([]) { _, environment in .string(environment.externalURL) },
        "parseDuration": TemplateFunction([.string]) { args, _ throws(Failure) in
            .float(try PrometheusText.parseDuration(string(args[0])))
        },
        "urlQueryEscape": stringFunction(GoEscaping.queryEscape),
    ]
}
