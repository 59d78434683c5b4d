import Foundation
import MentorBase
import MentorStore
import Testing

/// The store commands through the built binary: the JSON contract of issue 5, exit codes, and
/// batches / history / undo / consents / purge on a real SQLite file.
@Suite struct CommandTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ args: [String], in dir: URL) throws -> Output {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = args + ["--lang", "en"]
        p.currentDirectoryURL = dir
        let outURL = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: p.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    let mentees = """
        fullName;birthDate;className;phones;menteeCategory;request;mentorName;form;startDate
        Иванов Иван Петрович;2012-03-05;6Б;+79161234567;gifted;олимпиады;Смирнова Ольга Ивановна;student_student;2024-09-01
        Орлова Мария Олеговна;2011-11-30;7А;;disability;;Смирнова Ольга Ивановна;student_student;2024-09-01

        """

    @Test func importContractDryRunAndReimport() throws {
        let dir = try temporaryFolder()
        try mentees.write(to: dir.appendingPathComponent("mentees.csv"), atomically: true, encoding: .utf8)
        let dry = try run(["import", "--canonical", "mentees.csv", "--kind", "mentees", "--dry-run", "--format", "json"], in: dir)
        #expect(dry.status == 0)
        let d = try json(dry.stdout)
        for key in ["batch", "dryRun", "new", "updated", "unchanged", "conflicts", "rejected", "diagnostics"] {
            #expect(d[key] != nil, "contract key \(key)")
        }
        #expect(d["batch"] is NSNull && d["dryRun"] as? Bool == true && d["new"] as? Int == 2)
        #expect(try run(["batches", "--format", "json"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let real = try json(try run(["import", "--canonical", "mentees.csv", "--kind", "mentees", "--format", "json"], in: dir).stdout)
        #expect(real["batch"] as? Int == 1 && real["new"] as? Int == 2 && real["dryRun"] as? Bool == false)
        // Same bytes: recognised by checksum; then compared row by row.
        let again = try run(["import", "--canonical", "mentees.csv", "--kind", "mentees"], in: dir)
        #expect(again.status == 0 && again.stdout.contains("already imported (batch #1)"))
        let recheck = try json(try run(["import", "--canonical", "mentees.csv", "--kind", "mentees", "--recheck", "--format", "json"], in: dir).stdout)
        #expect(recheck["unchanged"] as? Int == 2 && recheck["batch"] is NSNull && recheck["noOp"] as? Bool == true)
        // The default store file is owner-only.
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("mentorbase.sqlite").path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func rejectedRowsStopTheImportWithExitOne() throws {
        let dir = try temporaryFolder()
        let bad = mentees + "Петров Пётр;2010-31-06;8В;;;;;;\n"
        try bad.write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let r = try run(["import", "--canonical", "bad.csv", "--kind", "mentees", "--format", "json"], in: dir)
        #expect(r.status == 1)
        let d = try json(r.stdout)
        #expect(d["rejected"] as? Int == 1 && d["batch"] is NSNull)
        let diags = try #require(d["diagnostics"] as? [[String: Any]])
        #expect(diags.contains { $0["code"] as? String == "type-error" && $0["row"] as? Int == 4 && $0["column"] as? String == "B" })
        let accepted = try run(["import", "--canonical", "bad.csv", "--kind", "mentees", "--accept-valid", "--format", "json"], in: dir)
        #expect(accepted.status == 0)
        #expect(try json(accepted.stdout)["new"] as? Int == 2)
        // Usage errors: an unknown kind is exit 2, a missing required column exit 1.
        #expect(try run(["import", "--canonical", "bad.csv", "--kind", "teachers"], in: dir).status == 2)
        try "name;date\nx;y\n".write(to: dir.appendingPathComponent("wrong.csv"), atomically: true, encoding: .utf8)
        let wrong = try run(["import", "--canonical", "wrong.csv", "--kind", "mentees"], in: dir)
        #expect(wrong.status == 1 && wrong.stderr.contains("fullName"))
    }

    @Test func historyUndoConsentsAndPurge() throws {
        let dir = try temporaryFolder()
        try mentees.write(to: dir.appendingPathComponent("mentees.csv"), atomically: true, encoding: .utf8)
        try """
            fullName;birthDate;className
            Иванов Иван Петрович;2012-03-05;7Б

            """.write(to: dir.appendingPathComponent("fix.csv"), atomically: true, encoding: .utf8)
        try """
            fullName;birthDate;signedOn;processing;publication;revokedOn
            Иванов Иван Петрович;2012-03-05;2024-08-25;true;true;2025-01-10

            """.write(to: dir.appendingPathComponent("consents.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "--canonical", "mentees.csv", "--kind", "mentees"], in: dir).status == 0)
        #expect(try run(["import", "--canonical", "fix.csv", "--kind", "mentees"], in: dir).status == 0)
        let h = try run(["history", "Иванов Иван Петрович"], in: dir)
        #expect(h.status == 0)
        #expect(h.stdout.contains("people.class_name = 7Б  ← #2 fix.csv, row 2"))
        #expect(h.stdout.contains("people.class_name: 6Б → 7Б"))
        #expect(h.stdout.contains("mentee_profiles.categories = ***"), "special categories are masked")
        #expect(try run(["history", "Никто Никтович"], in: dir).status == 1)
        let blocked = try run(["undo", "1"], in: dir)
        #expect(blocked.status == 1 && blocked.stderr.contains("#2 fix.csv"))
        #expect(try run(["undo", "2"], in: dir).status == 0)
        #expect(try run(["history", "#1"], in: dir).stdout.contains("people.class_name = 6Б"))
        #expect(try run(["import", "--canonical", "consents.csv", "--kind", "consents"], in: dir).status == 0)
        let due = try json(try run(["consents", "--due", "--date", "2025-02-09", "--format", "json"], in: dir).stdout)
        let people = try #require(due["people"] as? [[String: Any]])
        #expect(people.count == 1 && people.first?["destroyBy"] as? String == "2025-02-09")
        let early = try run(["purge", "--date", "08.02.2025"], in: dir)
        #expect(early.status == 0 && early.stdout.contains("Nothing to destroy"))
        let purge = try json(try run(["purge", "--date", "2025-02-09", "--format", "json"], in: dir).stdout)
        #expect((purge["purged"] as? [[String: Any]])?.count == 1)
        #expect(try run(["history", "Иванов Иван Петрович"], in: dir).status == 1)
        let batches = try run(["batches"], in: dir).stdout
        #expect(batches.contains("purge") && batches.contains("UNDONE"))
        // Nowhere in the file is the purged person's name left (the log holds ids and dates only).
        let bytes = try Data(contentsOf: dir.appendingPathComponent("mentorbase.sqlite"))
        let checkpoint = try Process.output("/usr/bin/sqlite3", [dir.appendingPathComponent("mentorbase.sqlite").path,
                                                                 "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"])
        _ = checkpoint
        let vacuumed = try Data(contentsOf: dir.appendingPathComponent("mentorbase.sqlite"))
        #expect(bytes.count > 0)
        // His patronymic, phone and request were his alone (Смирнова Ольга Ивановна stays).
        for gone in ["Петрович", "+79161234567", "олимпиады", "2012-03-05"] {
            #expect(vacuumed.range(of: Data(gone.utf8)) == nil, "\(gone) is still in the file")
        }
        #expect(vacuumed.range(of: Data("Орлова".utf8)) != nil)
    }
}
