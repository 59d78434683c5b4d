import MentorBase

/// The tables every plugin must carry through a write and a read.
extension ConformanceSuite {
    /// Cyrillic, quotes, line breaks inside cells, a leading `=`, `+7…` and `007` that must stay
    /// text, delimiters of every kind, spaces at the edges, empty cells in the middle and at the end.
    public static let goldenTable = ConformanceTable(name: "Анкеты", rows: [
        texts(["ФИО", "Телефон", "Комментарий", "Формула", "Пустая", "Примечание"]),
        texts(["Иванов Иван Иванович", "+7 916 123-45-67", "Сказал: \"привет\", ушёл", "=СУММ(A1:A3)", "",
               "строка 1\nстрока 2"]),
        texts(["Ёлкина Алёна", "+79161234567", "точка; запятая, таб\tи черта |", "=1+2", "", ""]),
        texts(["", "", "пусто слева и справа", "", "", ""]),
        texts(["O'Brien «Джон»", "007", "  пробелы по краям  ", "-5", "", "конец"]),
        texts(["\"", "'", "\\ обратная черта", "@ссылка", "", "ç 日本 😀"]),
    ])

    /// Only a header row.
    public static let headerOnlyTable = ConformanceTable(name: "Только заголовок", rows: [
        texts(["ФИО", "Класс", "Наставник"]),
    ])

    /// A header and one row.
    public static let oneRowTable = ConformanceTable(name: "Одна строка", rows: [
        texts(["ФИО", "Класс", "Наставник"]),
        texts(["Сидоров Пётр", "7Б", "Кузнецова Мария Сергеевна"]),
    ])

    /// One cell of about 40 KB of Cyrillic text with line breaks (about 20,000 characters).
    public static let longTextTable: ConformanceTable = {
        var text = ""
        var n = 0
        while text.utf8.count < 40_000 {
            n += 1
            text += "Абзац \(n): наставник и наставляемый встречаются по средам в кабинете 12.\n"
        }
        return ConformanceTable(name: "Длинный текст", rows: [
            texts(["Номер", "Текст"]),
            texts(["1", text]),
            texts(["2", "короткий"]),
        ])
    }()

    /// Numbers and booleans (exact for `.typedValues` plugins, text form for the others).
    public static let typedTable = ConformanceTable(name: "Числа", rows: [
        texts(["Целое", "Дробное", "Отрицательное", "Большое", "Логическое", "Ноль"]),
        [.number(42), .number(3.25), .number(-0.5), .number(1_234_567_890_123), .boolean(true), .number(0)],
        [.number(-17), .number(0.1), .number(1e-7), .number(9_007_199_254_740_992), .boolean(false), .number(100)],
    ])

    /// Dates and date-times (exact for `.dates` plugins, text form for the others).
    public static let datesTable: ConformanceTable = {
        func date(_ y: Int, _ m: Int, _ d: Int) -> Cell { CalendarDate(year: y, month: m, day: d).map(Cell.date) ?? .empty }
        func dateTime(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Cell {
            CalendarDate(year: y, month: m, day: d)
                .flatMap { CalendarDateTime(date: $0, hour: h, minute: mi, second: s) }
                .map(Cell.dateTime) ?? .empty
        }
        return ConformanceTable(name: "Даты", rows: [
            texts(["Дата", "Дата и время"]),
            [date(2024, 9, 1), dateTime(2024, 9, 1, 8, 30, 0)],
            [date(1999, 12, 31), dateTime(2000, 2, 29, 23, 59, 59)],
        ])
    }()

    /// The sheets of the multiple-sheets check: different names, headers and lengths.
    public static let workbookTables: [ConformanceTable] = [
        ConformanceTable(name: "Анкеты", rows: goldenTable.rows),
        ConformanceTable(name: "Согласия", rows: [
            texts(["Участник", "Подписал", "Дата подписи"]),
            texts(["Иванов Иван", "мать", "01.09.2024"]),
        ]),
        ConformanceTable(name: "Sheet 3", rows: oneRowTable.rows),
    ]

    private static func texts(_ values: [String]) -> [Cell] { values.map { $0.isEmpty ? .empty : .text($0) } }
}
