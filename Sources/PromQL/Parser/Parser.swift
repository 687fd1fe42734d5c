/// PromQL's parser: recursive descent with precedence climbing over the lexer's tokens, producing the AST and
/// Prometheus's error messages.
///
/// Like Prometheus, it records semantic errors (bad durations, unknown functions, misplaced modifiers) and keeps going,
/// and stops at the first syntax or lexical error; the first recorded error is the one reported. A syntax error is
/// phrased for the innermost construct that has its own error rule in Prometheus's grammar (label matchers, grouping
/// labels, `offset`, `@`, brackets), else for the enclosing aggregation, else it is a bare `unexpected …`.
struct Parser {
    /// The query text.
    let query: String
    private var lexer: Lexer
    /// The token read ahead, if any (tokens are read lazily, as Prometheus's generated parser does).
    private var buffered: Token?
    /// End of the last consumed token.
    private(set) var previousEnd = 0
    /// Errors so far, in the order Prometheus would record them.
    private(set) var errors: [ParseError] = []
    /// The next `VectorSelector.id`.
    private var nextSelectorID = 0
    /// How many aggregations enclose the current position (their error rule is the fallback context).
    var aggregationDepth = 0
    /// Whether experimental functions and aggregations are accepted.
    let enableExperimental: Bool
    /// What the type checker needs to know about each binary operation, by the operation's position.
    var binaryDetails: [PositionRange: BinaryDetails] = [:]

    /// Creates a parser for `query`.
    init(_ query: String, enableExperimental: Bool) {
        self.query = query
        self.lexer = Lexer(Array(query.utf8))
        self.enableExperimental = enableExperimental
    }

    /// The query's bytes.
    var bytes: [UInt8] { lexer.bytes }

    // MARK: - Tokens

    /// The next token, without consuming it.
    mutating func peek() throws(ParseError) -> Token {
        if let buffered { return buffered }
        do {
            let token = try lexer.next()
            buffered = token
            return token
        } catch {
            record(error.message, PositionRange(start: error.start, end: bytes.count))
            throw firstError
        }
    }

    /// The next token's kind.
    mutating func peekKind() throws(ParseError) -> TokenKind {
        try peek().kind
    }

    /// Consumes and returns the next token.
    @discardableResult
    mutating func consume() throws(ParseError) -> Token {
        let token = try peek()
        buffered = nil
        previousEnd = token.end
        return token
    }

    /// The source text of `token`.
    func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: - Errors

    /// Records an error and keeps parsing.
    mutating func record(_ message: String, _ position: PositionRange) {
        errors.append(ParseError(position: position, message: message, query: query))
    }

    /// The error the parse fails with: the first one recorded.
    var firstError: ParseError { errors[0] }

    /// Records Prometheus's `unexpected <token>[ in <context>][, expected <expected>]` for the token read ahead and
    /// returns the error to throw. A nil context means "whatever encloses this point".
    mutating func unexpected(_ context: String? = nil, _ expected: String = "") -> ParseError {
        let token = buffered ?? Token(kind: .eof, start: bytes.count, end: bytes.count)
        var message = "unexpected " + token.kind.describe(text(token))
        let resolved = context ?? (aggregationDepth > 0 ? "aggregation" : "")
        if !resolved.isEmpty { message += " in " + resolved }
        if !expected.isEmpty { message += ", expected " + expected }
        record(message, token.range)
        return firstError
    }

    // MARK: - Entry points

    /// Parses a whole expression (syntax only; the caller runs the type checker when no error was recorded).
    mutating func parseQuery() throws(ParseError) -> Expr {
        if try peekKind() == .eof {
            record("no expression found in input", PositionRange(start: 0, end: 0))
            throw firstError
        }
        let expr = try parseExpression(minPrecedence: 0)
        guard try peekKind() == .eof else { throw unexpected("") }
        if !errors.isEmpty { throw firstError }
        return expr
    }

    /// A fresh selector number.
    mutating func makeSelectorID() -> Int {
        defer { nextSelectorID += 1 }
        return nextSelectorID
    }
}
