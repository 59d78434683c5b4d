import Foundation
import MentorBase
import MentorExport
import Testing

/// The export reads are plain SQL for both backends: the same school gives the same exports on
/// PostgreSQL (scripts/test.sh starts a throw-away server and sets MENTORBASE_TEST_PG_URL).
@Suite("Exports on PostgreSQL")
struct PostgresTests {
    static var url: String? {
        let v = ProcessInfo.processInfo.environment["MENTORBASE_TEST_PG_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }

    @Test("the site JSON and the full bases are the same as on SQLite", .enabled(if: url != nil))
    func sameAsSQLite() throws {
        let lite = try TestStore()
        let pg = try TestStore(postgresURL: try PostgresTests.url.unwrap("MENTORBASE_TEST_PG_URL"))
        try lite.importSchool()
        try pg.importSchool()
        for (kind, view, format) in [(ExportKind.bases, ExportView.public, "json"), (.bases, .full, "xlsx"),
                                     (.pairs, .full, "csv"), (.consents, .full, "csv"), (.bases, .monitoring, "csv")] {
            let r = ExportRequest(kind: kind, view: view, date: day("2023-05-20"))
            let a = try visibleText(lite.export(r, format: format).bytes, format: format)
            let b = try visibleText(pg.export(r, format: format).bytes, format: format)
            #expect(a == b, "\(kind) \(view) \(format) differs between SQLite and PostgreSQL")
        }
    }
}
