/// The kinds of transaction SQLite can begin.
public enum SQLiteTransactionKind: String, Sendable {
    /// Takes locks when the first statement needs them.
    case deferred = "DEFERRED"
    /// Takes the write lock at once.
    case immediate = "IMMEDIATE"
}

extension SQLiteConnection {
    /// Runs `body` inside a transaction: commits when it returns, rolls back when it throws.
    ///
    /// - Parameters:
    ///   - kind: `.immediate` (default) takes the write lock before `body` runs.
    ///   - body: the work; its result is returned after the commit.
    /// - Throws: the body's error (after rolling back), or `SQLiteError` when begin or commit fails.
    public func transaction<R>(_ kind: SQLiteTransactionKind = .immediate, _ body: () throws -> R) throws -> R {
        try cached("BEGIN \(kind.rawValue)").run()
        let result: R
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try cached("COMMIT").run()
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    private func rollbackQuietly() {
        // A rollback after a failed statement can itself fail when SQLite already rolled back; either way no
        // transaction remains open afterwards.
        if isInTransaction { try? execute("ROLLBACK") }
    }
}
