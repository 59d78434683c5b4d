#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase
import MentorStore
import Testing

/// The built `mentorbase` binary (next to the test runner in the build folder).
enum Binary {
    static var url: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("mentorbase").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("mentorbase")
    }

    /// Starts `mentorbase args…` with output to files; the caller waits or kills.
    static func start(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        p.currentDirectoryURL = dir
        let out = dir.appendingPathComponent("out-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let h = try FileHandle(forWritingTo: out)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    /// Polls while `p` runs, until `condition` (given the seconds since the call) holds or
    /// `seconds` have passed; whether it held while `p` was still running.
    static func wait(for p: Process, atMost seconds: TimeInterval, until condition: (TimeInterval) -> Bool) -> Bool {
        let started = Date()
        while p.isRunning && Date().timeIntervalSince(started) < seconds {
            if condition(Date().timeIntervalSince(started)) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Kills `p` with SIGKILL, as a crash or the OOM killer would, and waits for it to end.
    static func killHard(_ p: Process) {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    static func run(_ args: [String], in dir: URL) throws -> Int32 {
        let p = try start(args, in: dir)
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// A canonical mentee table of `rows` rows (plus a header), written as a real CSV file.
func writeMenteeTable(_ url: URL, rows: Int, seed: Int = 0, mentors: Int = 50) throws {
    var text = "fullName;birthDate;className;phones;menteeCategory;request;mentorName;form;startDate\n"
    text.reserveCapacity(rows * 120)
    let first = ["Иван", "Мария", "Пётр", "Анна", "Олег", "Ольга", "Илья", "Дарья"]
    for i in 0..<rows {
        let n = i + seed
        let day = 1 + n % 28, month = 1 + (n / 28) % 12
        text += "Ученик\(n) \(first[n % first.count]) Тестович;\(2008 + n % 8)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day);"
        text += "\(5 + n % 7)А;+7916\(String(1_000_000 + n % 9_000_000));gifted;запрос \(n);"
        text += "Наставник\(n % mentors) Пётр Иванович;student_student;2024-09-01\n"
    }
    try text.write(to: url, atomically: true, encoding: .utf8)
}

@Suite(.serialized) struct ProcessTests {
    @Test(arguments: Backend.enabled)
    func killedMidImportLeavesTheStoreExactlyAsBefore(_ backend: Backend) throws {
        let dir = try temporaryFolder()
        let storeSpec: String
        switch backend {
        case .sqlite: storeSpec = dir.appendingPathComponent("kill.sqlite").path
        case .postgres:
            guard let url = Backend.pgURL else { throw TestFailure("MENTORBASE_TEST_PG_URL is not set") }
            storeSpec = url + (url.contains("?") ? "&" : "?") + "schema=kill_" + String(UUID().uuidString.prefix(8)).lowercased()
        }
        // A first, small import: the state that must survive.
        let small = dir.appendingPathComponent("small.csv")
        try writeMenteeTable(small, rows: 200, seed: 1_000_000)
        #expect(try Binary.run(["import", "--canonical", small.path, "--kind", "mentees", "--store", storeSpec], in: dir) == 0)
        let before = try withStore(storeSpec) { try dump($0) }
        let big = dir.appendingPathComponent("big.csv")
        try writeMenteeTable(big, rows: 400_000)
        let p = try Binary.start(["import", "--canonical", big.path, "--kind", "mentees", "--store", storeSpec], in: dir)
        // Wait until it is well into the file: the SQLite WAL has grown (the page cache spilled
        // uncommitted pages), or a few seconds have passed (PostgreSQL keeps them server-side).
        let writing = Binary.wait(for: p, atMost: 60) { elapsed in
            guard backend == .sqlite else { return elapsed > 4 }
            let wal = (try? FileManager.default.attributesOfItem(atPath: storeSpec + "-wal")[.size] as? Int) ?? 0
            return wal > 1 << 20 || elapsed > 8
        }
        #expect(writing && p.isRunning, "the import must still be running when it is killed")
        Binary.killHard(p)
        #expect(p.terminationReason == .uncaughtSignal)
        let after = try withStore(storeSpec) { try dump($0) }
        #expect(after == before)
        #expect(try withStore(storeSpec) { try $0.batches().count } == 1)
        if backend == .sqlite {
            let check = try Process.output("/usr/bin/sqlite3", [storeSpec, "PRAGMA integrity_check; PRAGMA foreign_key_check;"])
            #expect(check.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        }
    }

    /// A first load into a store without people runs with a rollback journal (see SQLiteBackend):
    /// killed half-way, the next opening rolls the hot journal back, cuts the file to its old
    /// size and returns the store to WAL.
    @Test func killedFirstLoadLeavesTheEmptyStoreAsItWas() throws {
        let dir = try temporaryFolder()
        let path = dir.appendingPathComponent("first.sqlite").path
        let before = try withStore(path) { try dump($0) }
        let emptySize = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let big = dir.appendingPathComponent("big.csv")
        try writeMenteeTable(big, rows: 100_000)
        // A small page cache (4 MB) so that new pages reach the database file early in the load.
        let p = try Binary.start(["import", "--canonical", big.path, "--kind", "mentees", "--store", path], in: dir,
                                 environment: ["MENTORBASE_SQLITE_CACHE_MB": "4"])
        // Well into the load: the page cache has spilled new pages into the database file itself.
        let spilled = Binary.wait(for: p, atMost: 60) { _ in
            ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > emptySize + (8 << 20)
        }
        #expect(spilled && p.isRunning, "the import must be writing pages when it is killed")
        let journal = try FileManager.default.attributesOfItem(atPath: path + "-journal")
        #expect((journal[.posixPermissions] as? NSNumber)?.intValue == 0o600, "the journal is owner-only like the store")
        Binary.killHard(p)
        #expect(p.terminationReason == .uncaughtSignal)
        let after = try withStore(path) { try dump($0) }
        #expect(after == before)
        #expect(try withStore(path) { try $0.batches().count } == 0)
        let check = try Process.output("/usr/bin/sqlite3", [path, "PRAGMA integrity_check; PRAGMA journal_mode;"])
        #expect(check.trimmingCharacters(in: .whitespacesAndNewlines) == "ok\nwal")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        // The same file then loads completely, and the store is in WAL mode again.
        #expect(try Binary.run(["import", "--canonical", big.path, "--kind", "mentees", "--store", path], in: dir) == 0)
        #expect(try Process.output("/usr/bin/sqlite3", [path, "PRAGMA journal_mode; SELECT count(*) FROM mentee_profiles;"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "wal\n100000")
    }

    /// Another command opening the store while a first load runs with its rollback journal must
    /// wait for it (or read past it), never fail: its own switch to WAL is refused at once then.
    @Test func aSecondOpenerDuringAFirstLoadWaitsInsteadOfFailing() throws {
        let dir = try temporaryFolder()
        let path = dir.appendingPathComponent("busy.sqlite").path
        _ = try withStore(path) { try $0.batches() }
        let big = dir.appendingPathComponent("big.csv")
        try writeMenteeTable(big, rows: 100_000)
        let p = try Binary.start(["import", "--canonical", big.path, "--kind", "mentees", "--store", path], in: dir)
        _ = Binary.wait(for: p, atMost: 60) { _ in FileManager.default.fileExists(atPath: path + "-journal") }
        #expect(p.isRunning, "the first load must still run when the second command opens the store")
        // Twice: once early in the load, once after a moment (pages may have reached the file by then).
        #expect(try Binary.run(["batches", "--store", path], in: dir) == 0)
        usleep(500_000)
        #expect(try Binary.run(["batches", "--store", path, "--format", "json"], in: dir) == 0)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try Process.output("/usr/bin/sqlite3", [path, "PRAGMA journal_mode; SELECT count(*) FROM mentee_profiles;"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "wal\n100000")
    }

    @Test func twoConcurrentImportsIntoOneSQLiteStoreLoseNothing() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        try writeMenteeTable(a, rows: 20_000, seed: 0, mentors: 40)
        try writeMenteeTable(b, rows: 20_000, seed: 500_000, mentors: 40)
        let shared = dir.appendingPathComponent("shared.sqlite").path
        let pa = try Binary.start(["import", "--canonical", a.path, "--kind", "mentees", "--store", shared], in: dir)
        let pb = try Binary.start(["import", "--canonical", b.path, "--kind", "mentees", "--store", shared], in: dir)
        pa.waitUntilExit()
        pb.waitUntilExit()
        #expect(pa.terminationStatus == 0 && pb.terminationStatus == 0)
        // The same two files one after the other into a fresh store: the same content.
        let serial = dir.appendingPathComponent("serial.sqlite").path
        #expect(try Binary.run(["import", "--canonical", a.path, "--kind", "mentees", "--store", serial], in: dir) == 0)
        #expect(try Binary.run(["import", "--canonical", b.path, "--kind", "mentees", "--store", serial], in: dir) == 0)
        let concurrent = try withStore(shared) { try dump($0) }
        #expect(concurrent == (try withStore(serial) { try dump($0) }))
        // 40,000 mentees and the 40 mentors they name (both files name the same mentors).
        #expect(concurrent.components(separatedBy: "\n").filter { $0.hasPrefix("person ") }.count == 40_040)
        #expect(try withStore(shared) { try $0.batches().map(\.status) } == ["applied", "applied"])
    }

    @Test func storeFilesAreOwnerOnlyAndWALWithForeignKeys() throws {
        let dir = try temporaryFolder()
        let path = dir.appendingPathComponent("perm.sqlite").path
        let old = umask(0o022)
        defer { umask(old) }
        let store = try StoreOpener.open(path)
        try importRecords(store, School.mentees)
        // The first load ran with a rollback journal (see SQLiteBackend); a read opens the WAL again.
        _ = try store.batches()
        // While the store is open its -wal and -shm exist: all three owner-only.
        for suffix in ["", "-wal", "-shm"] {
            let attrs = try FileManager.default.attributesOfItem(atPath: path + suffix)
            let mode = (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(mode == 0o600, "\(suffix.isEmpty ? "database" : suffix): \(String(mode, radix: 8))")
        }
        store.close()
        let pragmas = try Process.output("/usr/bin/sqlite3", [path, "PRAGMA journal_mode; PRAGMA user_version;"])
        #expect(pragmas.hasPrefix("wal"))
        // Foreign keys are enforced by the store's connections: a dangling member is refused.
        let fk = try Process.output("/usr/bin/sqlite3", [path, "PRAGMA foreign_keys=ON; INSERT INTO pairing_members (id, pairing_id, person_id, created_batch) VALUES (999, 999, 999, 1);"], allowFailure: true)
        #expect(fk.contains("FOREIGN KEY constraint failed"))
    }
}

/// Opens a store, runs `body`, closes it.
func withStore<T>(_ spec: String, _ body: (any Store) throws -> T) throws -> T {
    let s = try StoreOpener.open(spec)
    defer { s.close() }
    return try body(s)
}

extension Process {
    /// Runs a program and returns its standard output and error together.
    static func output(_ path: String, _ args: [String], allowFailure: Bool = false) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 && !allowFailure { throw TestFailure("\(path) failed: \(String(decoding: data, as: UTF8.self))") }
        return String(decoding: data, as: UTF8.self)
    }
}
