/// Prometheus's alert label and annotation templating: Go `text/template` with Prometheus's functions, the
/// `$labels`/`$externalLabels`/`$externalURL`/`$value` prelude, template name `__alert_<alert name>` and
/// `missingkey=zero`. Parsed templates are cached by text, so expanding the same annotation repeatedly is cheap.
public enum AlertTemplate {
    /// What Prometheus prepends to every alert template (all on line 1, so columns of line-1 errors include it).
    static let prelude =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

    private static let cache = TemplateCache(capacity: 4096)

    /// Expands an alert label/annotation template the way Prometheus does: prepends
    /// `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}`,
    /// template name `__alert_<name>`, option missingkey=zero. Never throws: on failure the output is
    /// `<error expanding template: …>` (Go's error text) and `error` carries the message for logging.
    public static func expand(_ text: String, name: String, context: AlertTemplateContext)
        -> (output: String, error: String?)
    {
        if !containsAction(text) { return (text, nil) }
        let templateName = "__alert_" + name
        let message: String
        switch parse(text, templateName: templateName) {
        case .failure(let error):
            message = "error parsing template \(templateName): \(error.message)"
        case .success(let parsed):
            let data = AlertData(
                labels: context.labels, externalLabels: context.externalLabels,
                externalURL: context.externalURL, value: context.value)
            let environment = TemplateFunction.Environment(
                query: context.query,
                evaluationTime: context.evaluationTime,
                externalURL: context.externalURL)
            do {
                let output = try TemplateExecutor(template: parsed, environment: environment)
                    .execute(data: .alert(data))
                return (output, nil)
            } catch {
                message = "error executing template \(templateName): \(error.message)"
            }
        }
        return ("<error expanding template: \(message)>", message)
    }

    /// Whether `text` has a `{{` action at all (text without one expands to itself); a byte scan, cheap enough
    /// to call for every label and annotation at every evaluation.
    public static func containsAction(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    /// Parse-only check of a template with the same prelude (what `promtool check rules` does); returns Go's error
    /// text (e.g. `template: __alert_X:1: undefined variable "$label"`) or nil when it parses.
    public static func validate(_ text: String, name: String) -> String? {
        if !containsAction(text) { return nil }
        if case .failure(let error) = parse(text, templateName: "__alert_" + name) { return error.message }
        return nil
    }

    private static func parse(_ text: String, templateName: String) -> Result<ParsedTemplate, TemplateParseError> {
        let key = templateName + "\u{0}" + text
        if let cached = cache.lookup(key) { return cached }
        let result: Result<ParsedTemplate, TemplateParseError>
        do {
            result = .success(
                try TemplateParser.parse(name: templateName, text: prelude + text) { TemplateFunction.all[$0] != nil })
        } catch {
            result = .failure(error)
        }
        cache.store(key, result)
        return result
    }
}
