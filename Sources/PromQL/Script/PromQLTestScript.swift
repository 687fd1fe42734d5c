/// A parsed PromQL test script (Prometheus's `promql/promqltest` format): `load`, `clear` and `eval` commands with
/// their blocks, in file order.
struct PromQLTestScript: Sendable, Hashable {
    /// One command.
    enum Command: Sendable, Hashable {
        /// `load <interval>` and its series.
        case load(LoadCommand)
        /// `clear` at a 1-based line.
        case clear(line: Int)
        /// `eval …` and its expectations.
        case eval(EvalCommand)
    }

    /// The name used in messages.
    var fileName: String
    /// The commands in order.
    var commands: [Command]

    /// Parses `source` like Prometheus's harness: lines are trimmed, `#` lines are blank, a blank line ends a block.
    ///
    /// - Throws: `PromQLTestScriptError` for the first line that does not follow the format.
    init(source: String, fileName: String) throws(PromQLTestScriptError) {
        var parser = PromQLTestScriptParser(source: source, fileName: fileName)
        self.fileName = fileName
        self.commands = try parser.parse()
    }
}
