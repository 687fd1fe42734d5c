/// The database schema and its migrations, versioned with `PRAGMA user_version`.
enum Schema {
    /// The newest schema this build writes.
    static let currentVersion: Int64 = 1

    /// Migrations by the version they produce; each runs inside the migration transaction.
    static let migrations: [(version: Int64, sql: String)] = [
        (
            1,
            """
            CREATE TABLE series (
                id INTEGER PRIMARY KEY,
                labels BLOB NOT NULL
            );
            CREATE TABLE log (
                id INTEGER PRIMARY KEY,
                data BLOB NOT NULL
            );
            CREATE TABLE chunks (
                series_id INTEGER NOT NULL,
                min_time INTEGER NOT NULL,
                max_time INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (series_id, min_time)
            ) WITHOUT ROWID;
            """
        )
    ]

    /// Brings the database to `currentVersion`; refuses a database from a newer build.
    static func migrate(_ connection: SQLiteConnection) throws(StoreError) {
        do {
            let version = try connection.scalarInt("PRAGMA user_version") ?? 0
            if version > currentVersion {
                throw StoreError(
                    .incompatible,
                    "database \(connection.path) has schema version \(version); this "
                        + "leakwatch understands up to \(currentVersion): upgrade leakwatch")
            }
            if version == 0 {
                // Must precede the first table: lets retention give freed pages back to the file system.
                try connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
            }
            for migration in migrations where migration.version > version {
                try connection.transaction {
                    try connection.execute(migration.sql)
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
            }
        } catch {
            throw StoreError.wrapping(error, while: "migrating \(connection.path)")
        }
    }
}
