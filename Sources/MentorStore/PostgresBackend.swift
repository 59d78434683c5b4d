import Foundation
import Logging
import MentorBase
import NIOCore
import NIOPosix
import PostgresNIO

/// The server store: PostgreSQL through postgres-nio, for a municipality gathering many schools.
///
/// The command line is synchronous and postgres-nio is asynchronous. The bridge: every call goes
/// out as an `EventLoopFuture` and the calling thread (never an event-loop thread: the CLI's main
/// thread or a test's thread) blocks in `wait()` while the loop thread does the I/O and completes
/// the future. No `async` API is used: a Task would need Swift's cooperative pool, which a
/// blocked caller may itself be occupying. Nothing ever blocks an event-loop thread.
///
/// `--store postgres://user[:password]@host[:port]/database[?schema=NAME]`: with `schema` the
/// store lives in that schema (created if needed), so one database can hold many schools' stores.
final class PostgresBackend: SQLBackend {
    let location: String
    let dialect = SQLDialect.postgres
    private let connection: PostgresConnection
    private let logger: Logger
    private let schema: String?

    init(url: String) throws {
        guard let u = URLComponents(string: url), let host = u.host, !host.isEmpty else {
            throw MentorBaseError.usage(ru: "не разобран адрес хранилища «\(PostgresBackend.redact(url))»",
                                        en: "cannot parse the store URL “\(PostgresBackend.redact(url))”")
        }
        let user = u.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = u.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let database = u.path.hasPrefix("/") ? String(u.path.dropFirst()) : u.path
        schema = u.queryItems?.first { $0.name == "schema" }?.value
        if let schema, !schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || schema.isEmpty {
            throw MentorBaseError.usage(ru: "недопустимое имя схемы «\(schema)»", en: "invalid schema name “\(schema)”")
        }
        location = PostgresBackend.redact(url)
        var log = Logger(label: "mentorbase.store")
        log.logLevel = .critical
        logger = log
        let config = PostgresConnection.Configuration(host: host, port: u.port ?? 5432, username: user, password: password,
                                                      database: database.isEmpty ? nil : database, tls: .disable)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                        configuration: config, id: 1, logger: log).wait()
        } catch {
            throw MentorBaseError(code: "store-unreachable", kind: .io, location: SourceLocation(file: location),
                                  message: Localized(ru: "нет соединения с PostgreSQL: \(PostgresBackend.describe(error))",
                                                     en: "cannot connect to PostgreSQL: \(PostgresBackend.describe(error))"))
        }
        do {
            try migrate()
        } catch {
            try? connection.close().wait()
            throw storeError(location, "migrate", error)
        }
    }

    /// The URL without its password.
    static func redact(_ url: String) -> String {
        guard var u = URLComponents(string: url), u.password != nil else { return url }
        u.password = "***"
        return u.string ?? url
    }

    /// PostgreSQL's own message (postgres-nio hides it from `description` on purpose).
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m }
            return "\(e.code)"
        }
        return "\(error)"
    }

    private func migrate() throws {
        let s = PostgresSession(connection, logger)
        try s.raw("BEGIN")
        do {
            // One migrator at a time, whatever else runs on the server.
            try s.raw("SELECT pg_advisory_xact_lock(727274)")
            if let schema {
                try s.raw("CREATE SCHEMA IF NOT EXISTS \(schema)")
                try s.raw("SET LOCAL search_path TO \(schema)")
            }
            try s.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            let done = Set(try s.rows("SELECT id FROM schema_migrations").compactMap { $0.text(0) })
            for m in Schema.migrations where !done.contains(m.id) {
                for st in Schema.statements(m.sql, .postgres) { try s.raw(st) }
                _ = try s.execute("INSERT INTO schema_migrations (id, applied_at) VALUES (?, now()::text)", [.text(m.id)])
            }
            try s.raw("COMMIT")
        } catch {
            try? s.raw("ROLLBACK")
            throw error
        }
        if let schema { try s.raw("SET search_path TO \(schema)") }
    }

    func schemaVersion() throws -> Int {
        try readTransaction { s in Int(try s.scalar("SELECT count(*) FROM schema_migrations")?.integerValue ?? 0) }
    }

    func writeTransaction<T>(_ body: (any SQLSession) throws -> (T, commit: Bool)) throws -> T {
        let s = PostgresSession(connection, logger)
        do {
            try s.raw("BEGIN")
            // Writers (imports, undo, purge) exclude each other; readers are not blocked.
            try s.raw("LOCK TABLE import_batches IN SHARE ROW EXCLUSIVE MODE")
            // Rows this transaction inserted have no statistics yet, so the planner would take an
            // IN list of 500 keys for most of a table and scan it whole, chunk after chunk. Every
            // lookup an import makes has its index.
            try s.raw("SET LOCAL enable_seqscan = off")
            let (value, commit) = try body(s)
            try s.raw(commit ? "COMMIT" : "ROLLBACK")
            return value
        } catch {
            try? s.raw("ROLLBACK")
            throw storeError(location, "write", error)
        }
    }

    func readTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        let s = PostgresSession(connection, logger)
        do {
            try s.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let value = try body(s)
            try s.raw("COMMIT")
            return value
        } catch {
            try? s.raw("ROLLBACK")
            throw storeError(location, "read", error)
        }
    }

    func close() {
        try? connection.close().wait()
    }
}

/// One PostgreSQL connection seen as a ``SQLSession``.
private final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let dialect = SQLDialect.postgres

    init(_ connection: PostgresConnection, _ logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// A statement without parameters.
    func raw(_ sql: String) throws {
        _ = try run(sql, [])
    }

    func execute(_ sql: String, _ args: [StoredValue?]) throws -> Int {
        try run(sql, args).metadata.rows ?? 0
    }

    func query(_ sql: String, _ args: [StoredValue?], _ body: (SQLRow) throws -> Void) throws {
        let result = try run(sql, args)
        for row in result.rows {
            var values: [StoredValue?] = []
            for cell in row {
                guard cell.bytes != nil else { values.append(nil); continue }
                switch cell.dataType {
                case .int8, .int4, .int2: values.append(.integer(try cell.decode(Int64.self)))
                default: values.append(.text(try cell.decode(String.self)))
                }
            }
            try body(SQLRow(values: values))
        }
    }

    private func run(_ sql: String, _ args: [StoredValue?]) throws -> PostgresQueryResult {
        try runNumbered(PostgresSession.number(sql), args)
    }

    /// Runs SQL whose placeholders are already `$n`.
    private func runNumbered(_ sql: String, _ args: [StoredValue?]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: args.count)
        for a in args {
            switch a {
            case nil: binds.appendNull()
            case .integer(let n)?: binds.append(n)
            case .text(let s)?: binds.append(s)
            }
        }
        let q = PostgresQuery(unsafeSQL: sql, binds: binds)
        do {
            return try connection.query(q, logger: logger).wait()
        } catch {
            throw MentorBaseError(code: "store-error", kind: .io,
                                  message: Localized(ru: "PostgreSQL: \(PostgresBackend.describe(error))",
                                                     en: "PostgreSQL: \(PostgresBackend.describe(error))"))
        }
    }

    /// `?` → `$1, $2, …` outside quoted literals.
    static func number(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quoted = false
        for c in sql {
            if c == "'" { quoted.toggle() }
            if c == "?" && !quoted {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Column → SQL type of each table this session has inserted into.
    private var columnTypes: [String: [String: String]] = [:]

    private func types(of table: String) throws -> [String: String] {
        if let t = columnTypes[table] { return t }
        var out: [String: String] = [:]
        try query("""
            SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
            """, [.text(table)]) { r in
            if let n = r.text(0), let t = r.text(1) { out[n] = t }
        }
        columnTypes[table] = out
        return out
    }

    func insertRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        // One array per column, unnested into rows: a statement with as many parameters as the
        // table has columns, whatever the number of rows, so the server parses a few hundred bytes
        // instead of thousands of placeholders. (COPY is async-only in postgres-nio; running it in
        // a Task while the caller blocks could starve Swift's cooperative pool when the caller is
        // itself on it, as tests are. Plain futures complete on the event loop, never on that pool.)
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let types = try types(of: table)
        let casts = columns.map { types[$0].map { "::" + $0 + "[]" } }
        guard casts.allSatisfy({ $0 != nil }) else {
            try insertRowsAsValues(table: table, columns: columns, rows: rows)
            return
        }
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ","))) SELECT * FROM unnest("
        for (j, cast) in casts.enumerated() { sql += (j == 0 ? "$1" : ",$\(j + 1)") + (cast ?? "") }
        sql += ")"
        let perStatement = 5000
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + perStatement, rows.count)]
            var args: [StoredValue?] = []
            args.reserveCapacity(columns.count)
            for j in 0..<columns.count { args.append(.text(PostgresSession.arrayLiteral(column: j, of: part))) }
            _ = try runNumbered(sql, args)
            start += perStatement
        }
    }

    func updateRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let types = try types(of: table)
        let all = ["id"] + columns
        let casts = all.map { types[$0].map { "::" + $0 + "[]" } }
        guard casts.allSatisfy({ $0 != nil }) else {
            let sql = "UPDATE \(table) SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?"
            for r in rows where !r.isEmpty { _ = try execute(sql, Array(r.dropFirst()) + [r[0]]) }
            return
        }
        // One statement per chunk: the new values as arrays, joined to the table by id.
        var sql = "UPDATE \(table) AS t SET " + columns.map { "\($0) = v.\($0)" }.joined(separator: ", ")
        sql += " FROM unnest("
        for (j, cast) in casts.enumerated() { sql += (j == 0 ? "$1" : ",$\(j + 1)") + (cast ?? "") }
        sql += ") AS v(" + all.joined(separator: ",") + ") WHERE t.id = v.id"
        var args: [StoredValue?] = []
        for j in 0..<all.count { args.append(.text(PostgresSession.arrayLiteral(column: j, of: rows))) }
        _ = try runNumbered(sql, args)
    }

    /// Column `j` of `rows` as a PostgreSQL array literal (`{1,"a",NULL}`), for `unnest` over one array per column;
    /// a row shorter than `j` gives NULL.
    static func arrayLiteral(column j: Int, of rows: some Collection<[StoredValue?]>) -> String {
        var literal = "{"
        var first = true
        for row in rows {
            if !first { literal += "," }
            first = false
            switch j < row.count ? row[j] : nil {
            case nil: literal += "NULL"
            case .integer(let n)?: literal += String(n)
            case .text(let t)?: appendArrayElement(t, to: &literal)
            }
        }
        return literal + "}"
    }

    /// A text as an element of an array literal: in double quotes, `"` and `\` escaped.
    static func appendArrayElement(_ t: String, to out: inout String) {
        out += "\""
        if t.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            for ch in t.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
        } else {
            out += t
        }
        out += "\""
    }

    /// Multi-row INSERT … VALUES, for a table whose column types are unknown.
    private func insertRowsAsValues(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + perStatement, rows.count)]
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
            var args: [StoredValue?] = []
            args.reserveCapacity(part.count * columns.count)
            var n = 0
            for (i, row) in part.enumerated() {
                if i > 0 { sql += "," }
                sql += "("
                for j in 0..<columns.count {
                    n += 1
                    sql += j == 0 ? "$\(n)" : ",$\(n)"
                    args.append(j < row.count ? row[j] : nil)
                }
                sql += ")"
            }
            _ = try runNumbered(sql, args)
            start += perStatement
        }
    }
}
