#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import GRDBSQLite
import CSQLiteTuning
import MentorBase

/// Process-wide SQLite settings, made once before the first connection opens.
enum SQLiteProcess {
    /// SQLite's memory statistics off: an import's writes allocate and free for every row, and each
    /// allocation otherwise takes a global mutex to count itself (measured: 6–8 % of the time
    /// SQLite alone takes for a million-row mentee base). Nothing here reads those statistics.
    /// Too late once SQLite is initialised (a connection opened elsewhere first): then it stays on.
    static let configured: Bool = mb_sqlite_disable_memstatus() == 0
}

/// The embedded store: one SQLite file through GRDB, WAL, foreign keys on, owner-only permissions.
final class SQLiteBackend: SQLBackend {
    let location: String
    let dialect = SQLDialect.sqlite
    private let queue: DatabaseQueue
    /// How long a writer waits for another (seconds).
    private let busyTimeout: Double

    /// The page cache in KiB; `MENTORBASE_SQLITE_CACHE_MB` overrides it (for the benchmark that weighs memory against speed).
    static let cacheKiB: Int = {
        if let v = ProcessInfo.processInfo.environment["MENTORBASE_SQLITE_CACHE_MB"], let mb = Int(v), mb > 0 { return mb * 1024 }
        return 131_072
    }()

    /// The page size of a new store, in bytes.
    static let pageSize = 8192

    /// Opens (creating with mode 0600 if needed) and migrates the store at `path`.
    init(path: String, busyTimeout: Double = 600) throws {
        location = path
        self.busyTimeout = busyTimeout
        _ = SQLiteProcess.configured
        // The file is created owner-only before SQLite sees it; SQLite gives the -wal and -shm
        // files the database file's permissions.
        if !FileManager.default.fileExists(atPath: path) {
            let old = umask(0o077)
            let fd = open(path, O_CREAT | O_RDWR | O_EXCL, 0o600)
            umask(old)
            if fd < 0 && errno != EEXIST {
                throw MentorBaseError.io(SourceLocation(file: path),
                                         ru: "не удалось создать хранилище: \(String(cString: strerror(errno)))",
                                         en: "cannot create the store: \(String(cString: strerror(errno)))")
            }
            if fd >= 0 { closeDescriptor(fd) }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // A second importer waits for the first instead of failing: imports are serialised.
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // 8 KiB pages for a new store (an existing file keeps its own): a bulk load writes
            // about half as many pages and splits half as often (measured on SQLite alone doing a
            // million-row import's inserts: 12–14 % less time than with 4 KiB). Only a file without
            // tables takes it, so this comes before the switch to WAL, which writes the header.
            try db.execute(sql: "PRAGMA page_size = \(SQLiteBackend.pageSize)")
            // While another process runs a first load (rollback journal, see
            // `withRollbackJournalIfFirstLoad`), switching to WAL may be refused (busy). This
            // connection then works in rollback mode, waiting for the writer as any reader does;
            // the writer, or the next opening, switches the store back to WAL.
            do {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            }
            // In WAL mode NORMAL keeps the database consistent after a crash or a kill; only a power
            // loss may lose the last committed transaction.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A big import touches the name indexes at random; 128 MB of page cache keeps them in
            // memory up to about a million people (measured: 256 MB was no faster at a million rows,
            // and made the peak at a million rows 1.6× the peak at a quarter million; 128 MB, 1.1×).
            // The cap is fixed, so memory stays flat however large the file.
            try db.execute(sql: "PRAGMA cache_size = -\(SQLiteBackend.cacheKiB)")
        }
        var migrator = DatabaseMigrator()
        for m in Schema.migrations {
            migrator.registerMigration(m.id) { db in
                for s in Schema.statements(m.sql, .sqlite) { try db.execute(sql: s) }
            }
        }
        // Two processes opening a new store at once race to create it: the loser's migration
        // finds the tables made or the database busy (a read lock cannot wait to become a write
        // lock). It tries again shortly, and then sees the winner's migrations applied.
        var attempt = 0
        while true {
            do {
                let q = try DatabaseQueue(path: path, configuration: config)
                do {
                    try migrator.migrate(q)
                } catch {
                    try? q.close()
                    throw error
                }
                queue = q
                break
            } catch {
                attempt += 1
                guard attempt < 50, SQLiteBackend.isOpeningRace(error) else { throw storeError(path, "open", error) }
                usleep(UInt32(50_000 + 10_000 * attempt))
            }
        }
    }

    /// A failure another opener of the same new store can cause: busy, locked, or a table it created.
    static func isOpeningRace(_ error: any Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return true
        case .SQLITE_ERROR: return (e.message ?? "").contains("already exists")
        default: return false
        }
    }

    func schemaVersion() throws -> Int {
        do {
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 }
        } catch {
            throw storeError(location, "schema", error)
        }
    }

    /// Set by an import just before its transaction: the next write transaction may run as a
    /// first load (see ``withRollbackJournalIfFirstLoad(_:)``). Cleared by that transaction.
    var firstLoadHint = false

    func writeTransaction<T>(_ body: (any SQLSession) throws -> (T, commit: Bool)) throws -> T {
        let firstLoad = firstLoadHint
        firstLoadHint = false
        do {
            return try queue.inDatabase { db in
                let rollbackJournal = firstLoad && withRollbackJournalIfFirstLoad(db)
                defer { if rollbackJournal { backToWAL(db) } }
                // A first load checks its foreign keys once, before it commits, instead of row by
                // row: SQLite's check of each inserted row against its parents' rows was 14 % of
                // the instructions SQLite alone needs for a mentee base's inserts, the whole-store
                // check after them a third of that. (The pragma cannot change inside a transaction,
                // hence here; it is back on before the connection does anything else.)
                let checkAtEnd = rollbackJournal && (try? db.execute(sql: "PRAGMA foreign_keys = OFF")) != nil
                defer { if checkAtEnd { SQLiteBackend.foreignKeysBackOn(db) } }
                // IMMEDIATE takes the write lock before the first read, so the reads that plan an
                // import see exactly what the import then writes over.
                try db.execute(sql: "BEGIN IMMEDIATE")
                do {
                    let (value, commit) = try body(SQLiteSession(db))
                    if commit && checkAtEnd { try SQLiteBackend.checkForeignKeys(db, location) }
                    try db.execute(sql: commit ? "COMMIT" : "ROLLBACK")
                    return value
                } catch {
                    try? db.execute(sql: "ROLLBACK")
                    throw error
                }
            }
        } catch let e as MentorBaseError {
            throw e
        } catch {
            throw storeError(location, "write", error)
        }
    }

    /// Foreign keys on again after a first load. The pragma is ignored inside a transaction, so
    /// one left open (a ROLLBACK that failed after an I/O error) is ended first: the connection
    /// must never go on without them.
    static func foreignKeysBackOn(_ db: Database) {
        _ = try? db.execute(sql: "PRAGMA foreign_keys = ON")
        if (try? Bool.fetchOne(db, sql: "PRAGMA foreign_keys")) != true {
            _ = try? db.execute(sql: "ROLLBACK")
            _ = try? db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    /// Throws when any row of the store refers to a row that is not there (the transaction is
    /// then rolled back): what SQLite checks row by row with foreign keys on.
    static func checkForeignKeys(_ db: Database, _ location: String) throws {
        guard let bad = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") else { return }
        let table: String = bad[0] ?? "?"
        let rowid: Int64? = bad[1]
        let parent: String = bad[2] ?? "?"
        let row = rowid.map(String.init) ?? "?"
        throw MentorBaseError(code: "store-error", kind: .io,
                              message: Localized(ru: "\(location): строка \(row) таблицы \(table) ссылается на отсутствующую запись в \(parent); ничего не записано",
                                                 en: "\(location): row \(row) of \(table) refers to a missing row of \(parent); nothing was written"))
    }

    /// A first load into a store without people writes every page of its tables and indexes
    /// anew. In WAL mode each of those pages is written twice: into the WAL, then by the
    /// checkpoint into the database. With a rollback journal, pages beyond the file's old end
    /// need no journal at all, so they are written once, as `sqlite3 .import` does (measured on a
    /// million mentees: 39–45 s against 50–53 s, with a fifth of the system time). Atomicity is
    /// the same: a process killed mid-import leaves a hot journal that the next opening of the
    /// store rolls back before it switches to WAL again.
    ///
    /// Only when the store has no people and no other connection has it open (switching away
    /// from WAL needs the store to itself; the switch does not wait for one, so a running `serve`
    /// keeps WAL and its readers are never blocked by a long import). Returns whether it switched.
    private func withRollbackJournalIfFirstLoad(_ db: Database) -> Bool {
        guard (try? Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM people)")) == true else { return false }
        guard switchJournal(db, to: "delete") else { return false }
        // In rollback mode NORMAL may, on a power loss, corrupt the file; FULL syncs the journal
        // before the database (a few more syncs: new pages need no journal).
        _ = try? db.execute(sql: "PRAGMA synchronous = FULL")
        return true
    }

    /// Back to WAL after a first load. When another process opened the store meanwhile, its own
    /// opening switches it to WAL, so a failure here (busy) is left alone; the next opening of
    /// the store does it in any case.
    private func backToWAL(_ db: Database) {
        _ = switchJournal(db, to: "wal")
        _ = try? db.execute(sql: "PRAGMA synchronous = NORMAL")
    }

    /// Sets the journal mode without waiting for other connections (busy: it stays as it was);
    /// whether the store is now in `mode`.
    private func switchJournal(_ db: Database, to mode: String) -> Bool {
        _ = try? db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { _ = try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
        return (try? String.fetchOne(db, sql: "PRAGMA journal_mode = \(mode)"))?.lowercased() == mode
    }

    func readTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(SQLiteSession(db)) }
        } catch let e as MentorBaseError {
            throw e
        } catch {
            throw storeError(location, "read", error)
        }
    }

    func close() {
        try? queue.close()
    }
}

/// What both SQLite sessions share: inserting many rows through one prepared statement.
private protocol SQLiteInserting: SQLSession {
    /// Scratch space of the inserts, kept from call to call.
    var scratch: SQLiteSession.BindScratch { get set }
    /// The connection and a prepared statement for `sql` (kept by the session).
    func insertStatement(_ sql: String) throws -> (connection: OpaquePointer?, statement: OpaquePointer?)
}

extension SQLiteInserting {
    func insertRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        try inserting(table, columns, rows.count) { i, b in for j in rows[i].indices { b.bind(rows[i][j]) } }
    }

    /// Each row's parts bound where the plans hold them: no array of the row's values, no copy of them.
    func insertRows(table: String, columns: [String], planned rows: PlannedRows) throws {
        try inserting(table, columns, rows.count) { i, b in rows.put(i, into: &b) }
    }

    /// Runs one prepared INSERT for each of `count` rows, `stage` handing row `i`'s values to the binder.
    private func inserting(_ table: String, _ columns: [String], _ count: Int,
                           _ stage: (Int, inout SQLiteSession.RowBinder) -> Void) throws {
        guard count > 0 else { return }
        let (connection, st) = try insertStatement(SQLiteSession.insertSQL(table, columns))
        // The scratch space, taken out of the session for the call (not reached through it per row).
        var scratch = SQLiteSession.BindScratch()
        swap(&scratch, &self.scratch)
        defer {
            sqlite3_reset(st)
            sqlite3_clear_bindings(st)
            swap(&scratch, &self.scratch)
        }
        for i in 0..<count {
            let rc = try SQLiteSession.bound(st, &scratch, { stage(i, &$0) }) { staged -> Int32 in
                // Every parameter is bound for every row: a short row would leave the previous
                // row's texts bound (pointers into a buffer that has moved on).
                guard staged == columns.count else { throw SQLiteSession.rowSizeError(table, staged, columns.count) }
                return sqlite3_step(st)
            }
            if rc != SQLITE_DONE { throw SQLiteSession.insertError(connection, table) }
        }
    }
}

/// A GRDB connection seen as a ``SQLSession``; valid only inside the transaction closure.
private final class SQLiteSession: SQLiteInserting {
    let db: Database
    let dialect = SQLDialect.sqlite
    /// Scratch space of the inserts, kept from call to call.
    var scratch = BindScratch()

    init(_ db: Database) { self.db = db }

    func insertStatement(_ sql: String) throws -> (connection: OpaquePointer?, statement: OpaquePointer?) {
        (db.sqliteConnection, try db.cachedStatement(sql: sql).sqliteStatement)
    }

    func execute(_ sql: String, _ args: [StoredValue?]) throws -> Int {
        let st = try db.cachedStatement(sql: sql)
        try bind(st, args)
        try st.execute()
        return db.changesCount
    }

    func query(_ sql: String, _ args: [StoredValue?], _ body: (SQLRow) throws -> Void) throws {
        let st = try db.cachedStatement(sql: sql)
        try bind(st, args)
        try SQLiteSession.rows(db.sqliteConnection, st.sqliteStatement, body)
    }

    /// Steps the bound query `handle` to its end, handing each row to `body`; resets it after.
    static func rows(_ connection: OpaquePointer?, _ handle: OpaquePointer?, _ body: (SQLRow) throws -> Void) throws {
        let n = Int(sqlite3_column_count(handle))
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(connection))
                throw MentorBaseError(code: "store-error", kind: .io,
                                      message: Localized(ru: "запрос: \(message)", en: "query: \(message)"))
            }
            var values: [StoredValue?] = []
            values.reserveCapacity(n)
            for i in 0..<Int32(n) {
                switch sqlite3_column_type(handle, i) {
                case SQLITE_NULL: values.append(nil)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
                case SQLITE_FLOAT: values.append(.text(Cell.format(number: sqlite3_column_double(handle, i))))
                default:
                    let count = Int(sqlite3_column_bytes(handle, i))
                    if let p = sqlite3_column_text(handle, i) {
                        values.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)))
                    } else {
                        values.append(.text(""))
                    }
                }
            }
            try body(SQLRow(values: values))
        }
    }

    /// One row per statement: a multi-row INSERT into tables with unique indexes and foreign
    /// keys makes SQLite keep a statement journal (to undo a half-done statement), which wrote
    /// the touched pages to a temporary file — twelve times the writes, measured.
    static func insertSQL(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(placeholders(columns.count)))"
    }

    static func rowSizeError(_ table: String, _ values: Int, _ columns: Int) -> MentorBaseError {
        MentorBaseError(code: "store-error", kind: .io,
                        message: Localized(ru: "запись в \(table): \(values) значений на \(columns) столбцов",
                                           en: "insert into \(table): \(values) values for \(columns) columns"))
    }

    static func insertError(_ connection: OpaquePointer?, _ table: String) -> MentorBaseError {
        let message = String(cString: sqlite3_errmsg(connection))
        return MentorBaseError(code: "store-error", kind: .io,
                               message: Localized(ru: "запись в \(table): \(message)", en: "insert into \(table): \(message)"))
    }

    /// Binds one row to the statement's parameters and runs it.
    ///
    /// Straight to sqlite3: a million rows must not build a million argument arrays. The row's
    /// texts are copied back to back into a scratch buffer and bound in place (SQLITE_STATIC)
    /// instead of SQLite copying each into a block of its own (a malloc and a free per value).
    static func step(_ handle: OpaquePointer?, _ row: ArraySlice<StoredValue?>, _ scratch: inout BindScratch) -> Int32 {
        bound(handle, &scratch, { b in for i in row.indices { b.bind(row[i]) } }) { _ in sqlite3_step(handle) }
    }

    /// The scratch space of binding: the rows' texts and their parameters as staged.
    struct BindScratch {
        var bytes: [UInt8] = []
        var slots: [RowBinder.Slot] = []
    }

    /// Stages the values `stage` hands its binder, binds them to the statement's parameters in
    /// order from the first, and runs `body` (given the number of values) while the bound texts
    /// (in `scratch`) stay valid. A row whose texts or values do not fit the scratch space is
    /// staged again once it has grown.
    static func bound<R>(_ handle: OpaquePointer?, _ scratch: inout BindScratch, _ stage: (inout RowBinder) -> Void,
                         _ body: (Int) throws -> R) rethrows -> R {
        sqlite3_reset(handle)
        while true {
            let (result, needed, count) = try scratch.bytes.withUnsafeMutableBufferPointer { buffer in
                try scratch.slots.withUnsafeMutableBufferPointer { slots -> (R?, Int, Int) in
                    var b = RowBinder(buffer: buffer, slots: slots)
                    stage(&b)
                    guard b.fits else { return (nil, b.needed, b.count) }
                    b.bindStaged(handle)
                    return (.some(try body(b.count)), b.needed, b.count)
                }
            }
            if let result { return result }
            if needed > scratch.bytes.count {
                scratch.bytes = [UInt8](repeating: 0, count: max(needed, 2 * scratch.bytes.count, 4096))
            }
            if count > scratch.slots.count {
                scratch.slots = Array(repeating: .null, count: max(count, 2 * scratch.slots.count, 32))
            }
        }
    }

    /// Stages one row's values for binding: each text is copied into a scratch buffer, after the
    /// row's texts before it, and every value's parameter noted; `bindStaged` then binds them.
    ///
    /// Staging makes no call the compiler cannot see into (SQLite's are all made after it), so
    /// the values are read where they lie: a value read out of an array and held across such a
    /// call is copied first (a retain and a release of each text, for every row). Hence the
    /// `@inline(__always)`: a staging method left out of line is such a call (the fallback of a
    /// string without contiguous UTF-8 calls into the standard library).
    struct RowBinder: PlannedValueSink {
        /// A parameter as staged.
        enum Slot {
            case null
            case integer(Int64)
            /// `count` bytes at `start` in the buffer.
            case text(start: Int, count: Int)
            case emptyText
        }

        /// The scratch buffer, valid while the row is bound and stepped (see `bound`).
        let buffer: UnsafeMutableBufferPointer<UInt8>
        let slots: UnsafeMutableBufferPointer<Slot>
        /// The values staged so far (past `slots.count`, only counted).
        private(set) var count = 0
        /// The bytes of the row's texts so far (past `buffer.count`, only counted).
        private(set) var needed = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<Slot>) {
            self.buffer = buffer
            self.slots = slots
        }

        /// Every value and text found room.
        var fits: Bool { needed <= buffer.count && count <= slots.count }

        @inline(__always)
        mutating func bind(_ v: StoredValue?) {
            switch v {
            case nil: note(.null)
            case .integer(let n)?: note(.integer(n))
            case .text(let s)?: bind(text: s)
            }
        }

        @inline(__always)
        mutating func put(_ v: StoredValue?) { bind(v) }

        @inline(__always)
        mutating func put(integer n: Int64?) { note(n.map(Slot.integer) ?? .null) }

        @inline(__always)
        mutating func put(text s: String?) {
            if let s { bind(text: s) } else { note(.null) }
        }

        @inline(__always)
        private mutating func note(_ slot: Slot) {
            if count < slots.count { slots[count] = slot }
            count += 1
        }

        @inline(__always)
        mutating func bind(text s: String) {
            let count = s.utf8.count
            guard count > 0 else {
                note(.emptyText)
                return
            }
            let start = needed
            needed += count
            // No room: counted, and staged again once the buffer has grown.
            guard needed <= buffer.count else {
                note(.null)
                return
            }
            // In bulk from the string's own UTF-8 (the rebased slice is bounds-checked, and
            // `copyMemory` traps rather than write past it). A string without contiguous UTF-8
            // (none on Linux) byte by byte: `withUTF8` would be a call the compiler cannot see
            // into, which made it copy every value staged (measured).
            let target = UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[start..<needed]))
            if s.utf8.withContiguousStorageIfAvailable({ target.copyMemory(from: UnsafeRawBufferPointer($0)) }) == nil {
                var k = 0
                for byte in s.utf8 {
                    target[k] = byte
                    k += 1
                }
            }
            note(.text(start: start, count: count))
        }

        /// Binds the staged values to the statement's parameters, from the first (the row must `fit`).
        func bindStaged(_ handle: OpaquePointer?) {
            for i in 0..<count {
                let index = Int32(i + 1)
                switch slots[i] {
                case .null:
                    sqlite3_bind_null(handle, index)
                case .integer(let n):
                    sqlite3_bind_int64(handle, index, n)
                case .emptyText:
                    _ = sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                case .text(let start, let n):
                    // SQLITE_STATIC is safe here: SQLite reads bound values only while stepping,
                    // the buffer stays valid and unchanged until `bound`'s body (which steps)
                    // returns, and the next row rebinds every parameter before its own step (the
                    // bindings are cleared after the last). A text slot lies inside the buffer
                    // (`needed <= buffer.count`), which is then not empty.
                    guard let base = buffer.baseAddress else {
                        sqlite3_bind_null(handle, index)
                        continue
                    }
                    let p = UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self)
                    _ = sqlite3_bind_text(handle, index, p, Int32(n), sqliteStatic)
                }
            }
        }
    }

    private func bind(_ st: Statement, _ args: [StoredValue?]) throws {
        let values: [(any DatabaseValueConvertible)?] = args.map { v in
            switch v {
            case nil: return nil
            case .integer(let n)?: return n
            case .text(let s)?: return s
            }
        }
        try st.setArguments(StatementArguments(values))
    }
}

extension SQLiteSession: LendingSQLSession {
    func lend() -> any LentSQLSession { LentSQLiteSession(db.sqliteConnection) }
}

/// A transaction's connection lent to one other thread: what an import's write-behind writes
/// through while the store's thread plans the next chunk.
///
/// Raw sqlite3 calls with prepared statements of its own: GRDB's `Database` may be used only on
/// its own queue, and its statement cache is not shared. GRDB opens the connection without
/// SQLite's mutex (multi-thread mode), so the two threads must never call into it at once: the
/// lender makes no call between handing work over and taking the result back (see `WriteBehind`,
/// whose semaphores also order every memory access of one side before the other's).
private final class LentSQLiteSession: LentSQLSession, SQLiteInserting {
    let dialect = SQLDialect.sqlite
    private let connection: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    var scratch = SQLiteSession.BindScratch()

    init(_ connection: OpaquePointer?) { self.connection = connection }

    func insertStatement(_ sql: String) throws -> (connection: OpaquePointer?, statement: OpaquePointer?) {
        (connection, try statement(sql))
    }

    deinit { close() }

    private func statement(_ sql: String) throws -> OpaquePointer {
        if let st = statements[sql] { return st }
        var st: OpaquePointer?
        guard sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &st, nil) == SQLITE_OK,
              let st else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_finalize(st)
            throw MentorBaseError(code: "store-error", kind: .io,
                                  message: Localized(ru: "запрос: \(message)", en: "statement: \(message)"))
        }
        statements[sql] = st
        return st
    }

    func execute(_ sql: String, _ args: [StoredValue?]) throws -> Int {
        let st = try statement(sql)
        defer {
            sqlite3_reset(st)
            sqlite3_clear_bindings(st)
        }
        let rc = SQLiteSession.step(st, args[...], &scratch)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(connection))
            throw MentorBaseError(code: "store-error", kind: .io,
                                  message: Localized(ru: "запись: \(message)", en: "write: \(message)"))
        }
        return Int(sqlite3_changes64(connection))
    }

    func query(_ sql: String, _ args: [StoredValue?], _ body: (SQLRow) throws -> Void) throws {
        let st = try statement(sql)
        defer { sqlite3_clear_bindings(st) }
        try SQLiteSession.bound(st, &scratch, { b in for v in args { b.bind(v) } }) { _ in try SQLiteSession.rows(connection, st, body) }
    }

    func close() {
        for st in statements.values { sqlite3_finalize(st) }
        statements.removeAll()
    }
}

/// `close(2)` under a name the backend's own `close()` does not shadow.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

/// SQLite copies the bytes at once (`SQLITE_TRANSIENT`), so the buffer may go away after the call.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
/// SQLite uses the caller's bytes as they are (`SQLITE_STATIC`): they must outlive every use.
private let sqliteStatic: sqlite3_destructor_type? = nil
