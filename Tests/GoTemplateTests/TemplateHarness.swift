@testable import GoTemplate

/// Expands templates the way Prometheus's `template_test.go` does: template name `test`, any data, errors wrapped as
/// `error parsing template test: …` / `error executing template test: …`.
enum TemplateHarness {
    static let externalURL = "http://testhost:9090/path/prefix"

    static func expand(
        _ text: String, data: TemplateValue = .invalid, name: String = "test",
        query: (@Sendable (String) throws -> [TemplateQuerySample])? = nil,
        evaluationTime: Int64 = 0,
        limits: TemplateExecutor.Limits = .init()
    ) -> Result<String, TemplateHarnessError> {
        let parsed: ParsedTemplate
        do {
            parsed = try TemplateParser.parse(name: name, text: text) { TemplateFunction.all[$0] != nil }
        } catch {
            return .failure(TemplateHarnessError(message: "error parsing template \(name): \(error.message)"))
        }
        let environment = TemplateFunction.Environment(
            query: query, evaluationTime: evaluationTime,
            externalURL: externalURL)
        do {
            return .success(
                try TemplateExecutor(template: parsed, environment: environment, limits: limits)
                    .execute(data: data))
        } catch {
            return .failure(TemplateHarnessError(message: "error executing template \(name): \(error.message)"))
        }
    }

    /// The output, or the error text (so one `#expect` compares either).
    static func render(
        _ text: String, data: TemplateValue = .invalid,
        query: (@Sendable (String) throws -> [TemplateQuerySample])? = nil,
        evaluationTime: Int64 = 0
    ) -> String {
        switch expand(text, data: data, query: query, evaluationTime: evaluationTime) {
        case .success(let output): output
        case .failure(let error): error.message
        }
    }

    /// Ranges over `values` as Prometheus's tests do with a Go slice input (`{{ range . }}`).
    static func list(_ values: [TemplateValue]) -> TemplateValue {
        var map: [String: TemplateValue] = [:]
        for (index, value) in values.enumerated() { map[String(format: index)] = value }
        return .anyMap(map)
    }

    static func sample(_ labels: [String: String], _ value: Double) -> TemplateQuerySample {
        TemplateQuerySample(labels: labels, value: value)
    }
}

struct TemplateHarnessError: Error, Equatable {
    var message: String
}

extension String {
    /// Zero-padded decimal key so that a map ranges in insertion order.
    fileprivate init(format index: Int) {
        let digits = String(index)
        self = String(repeating: "0", count: Swift.max(0, 6 - digits.count)) + digits
    }
}
