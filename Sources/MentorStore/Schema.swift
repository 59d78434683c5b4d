import Foundation
import MentorBase

/// The store's relational schema: ONE ordered list of migrations for both backends.
///
/// Each migration is SQL with a few dialect tokens: `{PK}` (the id column), `{INT}` (a 64-bit
/// integer). SQLite registers them on a GRDB `DatabaseMigrator`; PostgreSQL runs them in order
/// and records each in `schema_migrations`. Never edit a released migration: append one.
enum Schema {
    /// (identifier, SQL) in order.
    static let migrations: [(id: String, sql: String)] = [
        ("v1-canonical-store", v1),
    ]

    static var latestVersion: Int { migrations.count }

    /// The migration's SQL for a dialect.
    static func sql(_ template: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return template.replacingOccurrences(of: "{PK}", with: "INTEGER PRIMARY KEY")
                .replacingOccurrences(of: "{INT}", with: "INTEGER")
        case .postgres:
            return template.replacingOccurrences(of: "{PK}", with: "BIGINT PRIMARY KEY")
                .replacingOccurrences(of: "{INT}", with: "BIGINT")
        }
    }

    /// The statements of a migration, one by one (PostgreSQL's extended protocol takes one at a time).
    static func statements(_ template: String, _ dialect: SQLDialect) -> [String] {
        sql(template, dialect).split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Bookkeeping columns every domain table has: which batch created the row, from which sheet and row.
    static let provenanceColumns = ["created_batch", "src_sheet", "src_row"]

    /// Columns a change can name (undo writes them back): guards against a tampered log.
    static func updatableColumns(_ t: EntityTable) -> Set<String> {
        switch t {
        case .people:
            return Set(Person.storedFields.map(\.column) + ["name_key", "initials_key", "snils_key", "is_reference"])
        case .mentorProfiles: return Set(MentorProfile.storedFields.map(\.column))
        case .menteeProfiles: return Set(MenteeProfile.storedFields.map(\.column))
        case .pairings: return Set(Pairing.storedFields.map(\.column))
        case .pairingMembers: return []
        case .consents: return Set(Consent.storedFields.map(\.column))
        case .responses: return Set(QuestionnaireResponse.storedFields.map(\.column) + ["is_latest"])
        }
    }

    static let v1 = """
        CREATE TABLE import_batches (
            id {PK},
            file_name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            kind TEXT NOT NULL,
            format TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'applied',
            undone_at TEXT,
            on_conflict TEXT,
            new_count {INT} NOT NULL DEFAULT 0,
            updated_count {INT} NOT NULL DEFAULT 0,
            unchanged_count {INT} NOT NULL DEFAULT 0,
            conflict_count {INT} NOT NULL DEFAULT 0,
            rejected_count {INT} NOT NULL DEFAULT 0
        );
        CREATE INDEX import_batches_checksum ON import_batches(checksum);
        CREATE TABLE people (
            id {PK},
            last_name TEXT NOT NULL,
            first_name TEXT,
            patronymic TEXT,
            birth_year {INT},
            birth_date TEXT,
            kind TEXT,
            class_name TEXT,
            organization TEXT,
            position TEXT,
            teaching_experience_years {INT},
            snils TEXT,
            phones TEXT,
            emails TEXT,
            guardians TEXT,
            name_key TEXT NOT NULL,
            initials_key TEXT NOT NULL,
            snils_key TEXT,
            is_reference {INT} NOT NULL DEFAULT 0,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE UNIQUE INDEX people_snils ON people(snils_key) WHERE snils_key IS NOT NULL;
        CREATE INDEX people_name ON people(name_key);
        CREATE INDEX people_initials ON people(initials_key);
        CREATE TABLE mentor_profiles (
            id {PK},
            person_id {INT} NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
            category TEXT,
            competencies TEXT,
            achievements TEXT,
            interests TEXT,
            desired_mentee_age TEXT,
            availability TEXT,
            plan_term TEXT,
            results TEXT,
            case_link TEXT,
            photo_link TEXT,
            status TEXT,
            school_year TEXT,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE TABLE mentee_profiles (
            id {PK},
            person_id {INT} NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
            categories TEXT,
            request TEXT,
            entry_date TEXT,
            results TEXT,
            case_link TEXT,
            status TEXT,
            school_year TEXT,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE TABLE pairings (
            id {PK},
            person_id {INT} REFERENCES people(id) ON DELETE SET NULL,
            code TEXT,
            form TEXT,
            form_text TEXT,
            kinds TEXT,
            start_date TEXT,
            planned_end_date TEXT,
            end_date TEXT,
            end_reason TEXT,
            place TEXT,
            order_ref TEXT,
            results TEXT,
            case_link TEXT,
            school_year TEXT,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE INDEX pairings_mentor ON pairings(person_id);
        CREATE UNIQUE INDEX pairings_code ON pairings(code) WHERE code IS NOT NULL;
        CREATE TABLE pairing_members (
            id {PK},
            pairing_id {INT} NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
            person_id {INT} NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT},
            UNIQUE (pairing_id, person_id)
        );
        CREATE INDEX pairing_members_person ON pairing_members(person_id);
        CREATE TABLE consents (
            id {PK},
            person_id {INT} NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            signer_name TEXT,
            signer_role TEXT,
            purposes TEXT,
            publication_fields TEXT,
            site TEXT,
            valid_until TEXT,
            revoked_on TEXT,
            minor_signed {INT},
            embedded_in_form {INT},
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT},
            UNIQUE (person_id, kind, signed_on)
        );
        CREATE TABLE questionnaire_responses (
            id {PK},
            person_id {INT} REFERENCES people(id) ON DELETE CASCADE,
            form TEXT NOT NULL,
            stage TEXT,
            submitted_at TEXT NOT NULL,
            is_latest {INT} NOT NULL DEFAULT 1,
            role TEXT,
            answers TEXT,
            raw TEXT,
            created_batch {INT} NOT NULL REFERENCES import_batches(id),
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE INDEX responses_person ON questionnaire_responses(person_id);
        CREATE TABLE change_log (
            id {PK},
            batch_id {INT} NOT NULL REFERENCES import_batches(id),
            entity TEXT NOT NULL,
            entity_id {INT} NOT NULL,
            person_id {INT},
            action TEXT NOT NULL,
            field TEXT,
            old_value TEXT,
            new_value TEXT,
            src_sheet TEXT,
            src_row {INT}
        );
        CREATE INDEX change_log_batch ON change_log(batch_id);
        CREATE INDEX change_log_person ON change_log(person_id);
        CREATE TABLE purge_log (
            id {PK},
            batch_id {INT} NOT NULL REFERENCES import_batches(id),
            person_id {INT} NOT NULL,
            revoked_on TEXT NOT NULL,
            destroy_by TEXT NOT NULL,
            purged_on TEXT NOT NULL,
            rows_destroyed {INT} NOT NULL,
            touched_batches TEXT NOT NULL
        )
        """
}
