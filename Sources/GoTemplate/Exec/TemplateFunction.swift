/// A template function's Go signature and body. Argument binding follows `text/template`'s rules for the parameter
/// types Prometheus's functions use.
struct TemplateFunction: Sendable {
    /// The Go parameter types that occur in the function map.
    enum Parameter: Sendable {
        case string, any, reflectValue, queryResult, sample

        /// The type name Go prints in errors.
        var name: String {
            switch self {
            case .string: "string"
            case .any: "interface {}"
            case .reflectValue: "reflect.Value"
            case .queryResult: "template.queryResult"
            case .sample: "*template.sample"
            }
        }

        /// Whether an untyped nil can be passed (Go's `canBeNil`).
        var canBeNil: Bool {
            self != .string
        }

        /// The zero value a nil argument becomes.
        var zero: TemplateValue {
            switch self {
            case .queryResult: .queryResult([])
            case .sample: .sample(nil)
            default: .invalid
            }
        }

        /// Go's `AssignableTo` for a value of this parameter type.
        func accepts(_ value: TemplateValue) -> Bool {
            switch (self, value) {
            case (.any, _), (.reflectValue, _): true
            case (.string, .string), (.queryResult, .queryResult), (.sample, .sample): true
            default: false
            }
        }
    }

    /// Builtins that `text/template` evaluates specially.
    enum Special: Sendable {
        case none, and, or, call
    }

    /// An error a function returns; execution reports it as `error calling <name>: <message>`.
    struct Failure: Error {
        var message: String

        init(_ message: String) {
            self.message = message
        }
    }

    /// What a function can see besides its arguments.
    struct Environment: Sendable {
        var query: (@Sendable (String) throws -> [TemplateQuerySample])?
        var evaluationTime: Int64
        var externalURL: String
    }

    typealias Body = @Sendable ([TemplateValue], Environment) throws(Failure) -> TemplateValue

    var parameters: [Parameter]
    var variadic: Parameter?
    var special: Special = .none
    var body: Body

    init(_ parameters: [Parameter], variadic: Parameter? = nil, special: Special = .none, body: @escaping Body) {
        self.parameters = parameters
        self.variadic = variadic
        self.special = special
        self.body = body
    }
}

extension TemplateFunction {
    /// Every function a Prometheus alert template can call: Go's builtins plus Prometheus's function map.
    static let all: [String: TemplateFunction] = GoBuiltins.functions.merging(PrometheusFunctions.functions) { $1 }
}
