import Foundation
import MentorBase
import MentorSchema

/// Runs one export: reads the store page by page, builds the view's rows and writes them.
///
/// ```swift
/// let exporter = Exporter(store: store, request: ExportRequest(kind: .bases, view: .full, date: today))
/// try exporter.write(to: writer, multipleSheets: true, guardFormulas: true)
/// print(exporter.summary.json())
/// ```
/// The exporter knows no file format: the caller passes a `TableWriter` (any plugin) and says
/// whether it holds several sheets and whether formulas must be guarded (CSV, XLSX).
public final class Exporter {
    let store: any Store & ExportReading
    public let request: ExportRequest
    /// What was written and left out; complete once `write` or `siteDocument` returned.
    public private(set) var summary = ExportSummary()

    public init(store: any Store & ExportReading, request: ExportRequest) {
        self.store = store
        self.request = request
    }

    /// Refuses combinations that cannot be exported, before anything is opened for writing.
    public static func check(_ r: ExportRequest, multipleSheets: Bool) throws {
        if r.view == .public && (r.kind == .consents || r.kind == .questionnaires) {
            throw MentorBaseError.usage(
                ru: "у «\(r.kind.rawValue)» нет публичного вида: согласия и анкеты не публикуются; возьмите --view full или monitoring",
                en: "“\(r.kind.rawValue)” has no public view: consents and questionnaires are never published; use --view full or monitoring")
        }
        if r.kind == .bases && r.view != .monitoring && !multipleSheets {
            throw MentorBaseError.usage(
                ru: "«bases» — несколько листов; выберите xlsx, json или html, либо выгрузите mentors и mentees по отдельности",
                en: "“bases” is several sheets; pick xlsx, json or html, or export mentors and mentees one by one")
        }
        if r.kind == .questionnaires && r.view == .full && !multipleSheets && r.questionnaire == nil {
            throw MentorBaseError.usage(
                ru: "в этом формате один лист: укажите --questionnaire mentor-questionnaire|mentee-questionnaire|monitoring-questionnaire",
                en: "this format holds one sheet: pass --questionnaire mentor-questionnaire|mentee-questionnaire|monitoring-questionnaire")
        }
    }

    /// Writes the view's tables and finishes the writer.
    public func write(to writer: any TableWriter, multipleSheets: Bool, guardFormulas: Bool,
                      formsTable: Bool = false) throws {
        try Exporter.check(request, multipleSheets: multipleSheets)
        let out = SheetOutput(writer: writer, guardFormulas: guardFormulas)
        defer { summary.neutralisedCells = out.neutralised; for (t, n) in out.rows { summary.count(t, n) } }
        switch request.view {
        case .full: try writeFull(out, multipleSheets: multipleSheets)
        case .public: try writePublic(out, formsTable: formsTable && multipleSheets)
        case .monitoring: try writeMonitoring(out)
        }
        try writer.finish()
    }

    // MARK: Full

    private func writeFull(_ out: SheetOutput, multipleSheets: Bool) throws {
        let views = FullViews(date: request.date)
        switch request.kind {
        case .mentors, .mentees, .bases:
            let roles: [ParticipantRole] = request.kind == .bases ? [.mentor, .mentee]
                : [request.kind == .mentors ? .mentor : .mentee]
            for role in roles {
                let columns = role == .mentor ? FullViews.mentorColumns : FullViews.menteeColumns
                let baseName = role == .mentor ? "База наставников" : "База наставляемых"
                let prefix = request.kind == .bases ? (role == .mentor ? "Наставники. " : "Наставляемые. ") : ""
                let spool = multipleSheets ? try RowSpool() : nil
                try out.begin(multipleSheets ? prefix + "Текущие участники" : baseName, columns, numbered: true)
                // The store is read and the rows shaped on a second thread; this one only guards and
                // writes them, the part that costs what the C peer's whole run does (libxlsxwriter's
                // XML, deflate, file writes). Rows are numbered where they are shaped, while their
                // cell array is still unshared: numbering here would copy every row.
                let store = self.store
                var counts = ExportSummary()
                let archiveApart = spool != nil
                let guardFormulas = out.guardFormulas
                var guarded = 0
                try RowPipe<(cells: [Cell], archived: Bool)>.run(produce: { emit in
                    var number = 0
                    try store.forEachParticipant(role) { r in
                        guard var row = role == .mentor ? views.mentorRow(r, &counts) : views.menteeRow(r, &counts)
                        else { return }
                        if !(row.archived && archiveApart) {
                            number += 1
                            row.cells[0] = .number(Double(number))
                        }
                        if guardFormulas { guarded += SheetOutput.neutralise(&row.cells) }
                        try emit(row)
                    }
                }, consume: { row in
                    if row.archived, let spool { try spool.append(row.cells) } else { try out.numberedRow(shaped: row.cells) }
                })
                out.countNeutralised(guarded)
                for (r, n) in counts.excluded { summary.excluded[r, default: 0] += n }
                if let spool {
                    try out.begin(prefix + "Архив", columns, numbered: true)
                    try spool.replay { var cells = $0; try out.numberedRow(&cells) }
                }
            }
        case .pairs:
            try out.begin("Пары", FullViews.pairColumns, numbered: false)
            try store.forEachPairingWithMembers { p, members in try out.row(views.pairRow(p, members)) }
        case .consents:
            try out.begin("Согласия", FullViews.consentColumns, numbered: false)
            // Everyone with consents, participants or not (a consent may come before the bases).
            try store.forEachPerson { p in
                if p.isExcludedByRevocation(on: request.date) { summary.exclude(.revoked); return }
                for c in p.consents { try out.row(views.consentRow(p, c)) }
            }
        case .questionnaires:
            let forms = request.questionnaire.map { [$0] }
                ?? [.mentorQuestionnaire, .menteeQuestionnaire, .monitoringQuestionnaire]
            for form in forms {
                try out.begin(Vocabulary.kindTitle(form), FullViews.responseColumns(form), numbered: false)
                try store.forEachResponseWithRespondent(latestOnly: false) { r, person in
                    guard r.response.form == form else { return }
                    if let person, person.isExcludedByRevocation(on: request.date) { summary.exclude(.revoked); return }
                    try out.row(views.responseRow(r, person))
                }
            }
        }
    }

    // MARK: Public

    private func writePublic(_ out: SheetOutput, formsTable: Bool) throws {
        let doc = try siteDocument(title: "", countRows: false)
        func table(_ name: String, _ kind: RecordKind, _ entries: [PublicEntry]?) throws {
            guard let entries else { return }
            let fields = PublicViews.fields(kind)
            try out.begin(name, PublicViews.columns(kind), numbered: false)
            for e in entries { try out.row(fields.map { e[$0]?.cell ?? .empty }) }
        }
        try table("Наставники", .mentors, doc.mentors)
        try table("Наставляемые", .mentees, doc.mentees)
        try table("Пары", .pairs, doc.pairs)
        if formsTable {
            try out.begin("Формы наставничества", ["Форма наставничества", "Действующих пар", "Завершённых пар"], numbered: false)
            for f in doc.forms { try out.row([.text(f.label), .number(Double(f.activePairs)), .number(Double(f.endedPairs))]) }
        }
    }

    /// The public view as one document (the site JSON, the template's context). Published entries
    /// are held in memory: they are the consented few, sorted by name.
    public func siteDocument(title: String, countRows: Bool = true) throws -> SiteDocument {
        let views = PublicViews(gate: PublicationGate(date: request.date, site: request.site))
        var mentors: [PublicEntry]?
        var mentees: [PublicEntry]?
        var pairs: [PublicEntry]?
        let kind = request.kind
        if kind == .mentors || kind == .bases {
            var list: [PublicEntry] = []
            try store.forEachParticipant(.mentor) { r in if let e = views.mentor(r, &summary) { list.append(e) } }
            mentors = list.sorted { $0.sortKey < $1.sortKey }
        }
        if kind == .mentees || kind == .bases {
            var list: [PublicEntry] = []
            try store.forEachParticipant(.mentee) { r in if let e = views.mentee(r, &summary) { list.append(e) } }
            mentees = list.sorted { $0.sortKey < $1.sortKey }
        }
        var forms: [String: FormSummary] = [:]
        var order: [String] = []
        try store.forEachPairingWithMembers { p, members in
            if kind == .pairs || kind == .bases {
                if let e = views.pair(p, members, &summary) {
                    if pairs == nil { pairs = [] }
                    pairs?.append(e)
                }
            }
            guard let code = p.pairing.form else { return }
            if forms[code] == nil {
                order.append(code)
                forms[code] = FormSummary(code: code, label: Vocabulary.label(.pairs, "form", code), activePairs: 0, endedPairs: 0)
            }
            if p.pairing.hasEnded(on: request.date) { forms[code]?.endedPairs += 1 } else { forms[code]?.activePairs += 1 }
        }
        if (kind == .pairs || kind == .bases) && pairs == nil { pairs = [] }
        pairs = pairs?.sorted { $0.sortKey < $1.sortKey }
        if countRows {
            for (name, list) in [("Наставники", mentors), ("Наставляемые", mentees), ("Пары", pairs)] {
                if let list { summary.count(name, list.count) }
            }
        }
        return SiteDocument(title: title, exportDate: request.date, site: request.site, kind: kind, mentors: mentors,
                            mentees: mentees, pairs: pairs, forms: order.compactMap { forms[$0] }, summary: summary)
    }

    // MARK: Monitoring

    private func writeMonitoring(_ out: SheetOutput) throws {
        let date = request.date
        switch request.kind {
        case .mentors:
            var counts: [String: (Int, Int)] = [:]
            try store.forEachParticipant(.mentor) { r in
                if r.person.isExcludedByRevocation(on: date) { summary.exclude(.revoked); return }
                let m = r.person.mentor
                let key = m?.category.map { Vocabulary.label(.mentors, "mentorCategory", $0.rawValue) } ?? "не указана"
                let archived = Participation.isArchived(status: m?.status, pairings: r.pairings, on: date)
                counts[key, default: (0, 0)].0 += archived ? 0 : 1
                counts[key, default: (0, 0)].1 += archived ? 1 : 0
            }
            try countTable(out, "Наставники по категориям", "Категория наставника", counts)
        case .mentees:
            var counts: [String: (Int, Int)] = [:]
            try store.forEachParticipant(.mentee) { r in
                if r.person.isExcludedByRevocation(on: date) { summary.exclude(.revoked); return }
                let person = r.person.person
                let m = r.person.mentee ?? MenteeProfile()
                let key: String
                if person.kind == .student || person.className != nil {
                    switch PublicationGate.age(person, on: date) ?? person.birthYear.map({ date.year - $0 }) {
                    case (10...14)?: key = "обучающиеся 10–14 лет"
                    case (15...18)?: key = "обучающиеся 15–18 лет"
                    case nil: key = "обучающиеся, возраст не указан"
                    default: key = "обучающиеся другого возраста"
                    }
                } else if m.categories.contains("young_specialist") {
                    key = "молодые специалисты"
                } else if person.kind == .staff {
                    key = "педагоги"
                } else {
                    key = "другие участники"
                }
                let archived = Participation.isArchived(status: m.status, pairings: r.pairings, on: date)
                counts[key, default: (0, 0)].0 += archived ? 0 : 1
                counts[key, default: (0, 0)].1 += archived ? 1 : 0
            }
            try countTable(out, "Наставляемые по группам", "Группа", counts)
        case .pairs:
            var counts: [String: (Int, Int)] = [:]
            try store.forEachPairingWithMembers { p, _ in
                let key = p.pairing.form.map { Vocabulary.label(.pairs, "form", $0) } ?? "не указана"
                let ended = p.pairing.hasEnded(on: date)
                counts[key, default: (0, 0)].0 += ended ? 0 : 1
                counts[key, default: (0, 0)].1 += ended ? 1 : 0
            }
            try countTable(out, "Пары по формам", "Форма наставничества", counts, headers: ["Действуют", "Завершены"])
        case .consents:
            var counts: [String: [Int]] = [:]
            try store.forEachPerson { p in
                for c in p.consents {
                    let state: Int
                    if c.signedOn > date { state = 3 } else if let r = c.revokedOn, r <= date { state = 1 }
                    else if let u = c.validUntil, u < date { state = 2 } else { state = 0 }
                    let key = c.kind == .processing ? "на обработку персональных данных" : "на публикацию на сайте"
                    counts[key, default: [0, 0, 0, 0]][state] += 1
                }
            }
            try out.begin("Согласия", ["Согласие", "Действуют", "Отозваны", "Истекли", "Ещё не подписаны", "Всего"], numbered: false)
            for key in counts.keys.sorted() {
                let c = counts[key] ?? [0, 0, 0, 0]
                try out.row([.text(key)] + c.map { .number(Double($0)) } + [.number(Double(c.reduce(0, +)))])
            }
        case .questionnaires:
            try satisfactionTable(out)
        case .bases:
            let report = try IndicatorComputation.run(store: store, date: date, roster: RosterCounts(), targets: nil)
            try out.begin("Показатели", ["Показатель", "Количество"], numbered: false)
            for v in report.values { try out.row([.text(v.id.title(.ru)), .number(Double(v.count))]) }
        }
    }

    private func countTable(_ out: SheetOutput, _ name: String, _ first: String, _ counts: [String: (Int, Int)],
                            headers: [String] = ["Текущие участники", "Архив"]) throws {
        try out.begin(name, [first] + headers + ["Всего"], numbered: false)
        for key in counts.keys.sorted() {
            let (a, b) = counts[key] ?? (0, 0)
            try out.row([.text(key), .number(Double(a)), .number(Double(b)), .number(Double(a + b))])
        }
    }

    /// Monitoring questionnaires: how many and the mean of each 1–10 scale, per role and stage.
    private func satisfactionTable(_ out: SheetOutput) throws {
        struct Acc { var n = 0; var sums = [0.0, 0.0, 0.0]; var counts = [0, 0, 0]; var yes = 0; var answered = 0 }
        var acc: [String: Acc] = [:]
        let scales = ["satisfaction", "meetingsQuality", "expectationsMet"]
        try store.forEachResponseWithRespondent(latestOnly: true) { r, person in
            guard r.response.form == .monitoringQuestionnaire else { return }
            if let person, person.isExcludedByRevocation(on: request.date) { summary.exclude(.revoked); return }
            let role = r.response.role.map { $0 == .mentor ? "наставники" : "наставляемые" } ?? "роль не указана"
            let stage = r.response.stage.map { $0 == .monitoring2 ? "второй этап" : ($0 == .monitoring1 ? "первый этап" : $0.rawValue) } ?? "этап не указан"
            let key = role + " — " + stage
            var a = acc[key] ?? Acc()
            a.n += 1
            var answers: [String: String] = [:]
            for x in r.response.answers { answers[x.question] = x.value }
            for (i, s) in scales.enumerated() {
                if let v = answers[s].flatMap(Double.init), (1...10).contains(v) { a.sums[i] += v; a.counts[i] += 1 }
            }
            if let w = answers["wantsToContinue"] { a.answered += 1; if w == "true" { a.yes += 1 } }
            acc[key] = a
        }
        try out.begin("Мониторинг", ["Группа", "Анкет", "Удовлетворённость (ср.)", "Качество встреч (ср.)",
                                     "Ожидания оправдались (ср.)", "Хотят продолжить, %"], numbered: false)
        for key in acc.keys.sorted() {
            guard let a = acc[key] else { continue }
            var row: [Cell] = [.text(key), .number(Double(a.n))]
            for i in 0..<3 { row.append(a.counts[i] > 0 ? .number((a.sums[i] / Double(a.counts[i]) * 10).rounded() / 10) : .empty) }
            row.append(a.answered > 0 ? .number((Double(a.yes) / Double(a.answered) * 1000).rounded() / 10) : .empty)
            try out.row(row)
        }
    }
}

/// Computes the indicator report from a store.
public enum IndicatorComputation {
    public static func run(store: any ExportReading, date: CalendarDate, roster: RosterCounts,
                           targets: IndicatorTargets?) throws -> IndicatorReport {
        var counter = IndicatorCounter(date: date)
        try store.forEachParticipant(.mentee) { counter.addMentee($0) }
        try store.forEachParticipant(.mentor) { counter.addMentor($0) }
        return counter.report(roster: roster, targets: targets)
    }
}

/// Writes rows into the caller's writer: «№ п/п» numbering per sheet, formula guarding, row counts.
final class SheetOutput {
    let writer: any TableWriter
    let guardFormulas: Bool
    private(set) var neutralised = 0
    private(set) var rows: [(String, Int)] = []
    private var numbered = false
    private var number = 0

    init(writer: any TableWriter, guardFormulas: Bool) {
        self.writer = writer
        self.guardFormulas = guardFormulas
    }

    func begin(_ name: String, _ columns: [String], numbered: Bool) throws {
        self.numbered = numbered
        number = 0
        rows.append((name, 0))
        try writer.beginSheet(SheetSpec(name: name, columns: columns.map { ColumnSpec(title: $0) }, headerRows: 1))
        try writer.writeRow(columns.map(Cell.text))
    }

    func row(_ cells: [Cell]) throws {
        var cells = cells
        if numbered {
            number += 1
            cells.insert(.number(Double(number)), at: 0)
        }
        try guardAndWrite(&cells)
    }

    /// A row whose first cell is the «№ п/п» placeholder (``FullViews``' rows): the number goes in
    /// place, so a million rows are not shifted by one cell each.
    func numberedRow(_ cells: inout [Cell]) throws {
        if numbered && !cells.isEmpty {
            number += 1
            cells[0] = .number(Double(number))
        } else if !cells.isEmpty {
            cells.removeFirst()
        }
        try guardAndWrite(&cells)
    }

    /// A row whose «№ п/п» the caller filled in already, numbering the sheet's rows in order from 1
    /// as ``numberedRow(_:)`` would (the export's reading thread numbers the rows it shapes). The
    /// caller guards it too, with ``neutralise(_:)``, while the row is unshared: guarding it here
    /// would copy every row holding a phone. The check here then finds nothing left to change.
    func numberedRow(shaped cells: [Cell]) throws {
        number += 1
        var cells = cells
        try guardAndWrite(&cells)
    }

    /// Adds cells guarded before they reached this output (``neutralise(_:)`` on another thread).
    func countNeutralised(_ n: Int) {
        neutralised += n
    }

    /// Guards a row's formula-like text cells in place (guarding is idempotent: a guarded cell starts
    /// with the mark); returns how many changed.
    static func neutralise(_ cells: inout [Cell]) -> Int {
        // A read-only pass first: for a loop that may write, the optimiser makes the array unique
        // before the loop starts, which copies a shared row even when nothing is then written.
        guard cells.contains(where: needsGuard) else { return 0 }
        var changed = 0
        for i in cells.indices where needsGuard(cells[i]) {
            let (c, guarded) = FormulaGuard.neutralise(cells[i])
            if guarded { cells[i] = c; changed += 1 }
        }
        return changed
    }

    /// Text a spreadsheet could take for a formula; the first byte is read before anything else.
    private static func needsGuard(_ cell: Cell) -> Bool {
        guard case .text(let s) = cell, FormulaGuard.mayNeedGuard(s) else { return false }
        return FormulaGuard.isFormulaLike(s)
    }

    private func guardAndWrite(_ cells: inout [Cell]) throws {
        if guardFormulas { neutralised += SheetOutput.neutralise(&cells) }
        rows[rows.count - 1].1 += 1
        try writer.writeRow(cells)
    }
}
