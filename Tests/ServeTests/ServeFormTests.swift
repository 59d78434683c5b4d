import MentorBase
import Testing
@testable import MentorCLI

/// The web page's parsers of untrusted input: form bodies, multipart uploads, file names, hosts.
@Suite struct ServeFormTests {
    @Test func urlEncodedFormsDecodePercentPlusAndKeepTheFirstValue() {
        let f = ServeForm.parseURLEncoded("a=1&b=%D0%B0+%D0%B1&a=2&c&d=%zz%4&e=")
        #expect(f["a"] == "1")
        #expect(f["b"] == "а б")
        #expect(f["c"] == "")
        #expect(f["d"] == "%zz%4")
        #expect(f["e"] == "")
        #expect(ServeForm.parseURLEncoded("").isEmpty)
    }

    @Test func percentEncodingRoundTrips() {
        let s = "дата=01.03.2023&сайт=https://школа.рф/?a b"
        #expect(ServeForm.decode(Substring(ServeForm.encode(s))) == s)
        #expect(ServeForm.encode("a-b_c.d~e") == "a-b_c.d~e")
    }

    @Test func boundaryIsReadQuotedOrNot() {
        #expect(ServeForm.boundary("multipart/form-data; boundary=----WebKitFormBoundaryAbC") == "----WebKitFormBoundaryAbC")
        #expect(ServeForm.boundary("multipart/form-data; charset=utf-8; boundary=\"x y\"") == "x y")
        #expect(ServeForm.boundary("multipart/form-data") == nil)
        #expect(ServeForm.boundary("text/csv; boundary=x") == nil)
    }

    private func body(_ parts: [(String, String?, [UInt8])], boundary: String, close: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for (name, filename, data) in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let filename { head += "; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream" }
            head += "\r\n\r\n"
            out += Array(head.utf8) + data + Array("\r\n".utf8)
        }
        if close { out += Array("--\(boundary)--\r\n".utf8) }
        return out
    }

    @Test func multipartKeepsBinaryDataThatLooksLikeABoundary() {
        let boundary = "----b0und4ry"
        // CRLF, dashes, a near-boundary and NUL bytes inside the file must survive untouched.
        let tricky: [UInt8] = Array("ФИО;Класс\r\n--".utf8) + [0, 0xFF, 13, 10] + Array("------b0und4r\r\n--x".utf8)
        let parts = ServeForm.parseMultipart(
            body([("csrf", nil, Array("tok".utf8)), ("file", "база; \"1\".csv", tricky), ("empty", "", [])], boundary: boundary),
            boundary: boundary)
        #expect(parts.count == 3)
        #expect(parts[0].name == "csrf" && parts[0].filename == nil && Array(parts[0].data) == Array("tok".utf8))
        #expect(parts[1].name == "file")
        #expect(parts[1].contentType == "application/octet-stream")
        #expect(Array(parts[1].data) == tricky)
        #expect(parts[2].filename == "" && parts[2].data.isEmpty)
    }

    @Test func filenameIsNotTakenForTheNameAndEscapedQuotesComeBack() {
        let boundary = "zz"
        let raw = Array("--zz\r\nContent-Disposition: form-data; filename=\"a%22b.csv\"; name=\"file\"\r\n\r\nx\r\n--zz--\r\n".utf8)
        let parts = ServeForm.parseMultipart(raw, boundary: boundary)
        #expect(parts.count == 1)
        #expect(parts.first?.name == "file")
        #expect(parts.first?.filename == "a\"b.csv")
    }

    @Test func damagedMultipartGivesOnlyTheCompleteParts() {
        let boundary = "qq"
        var raw = body([("csrf", nil, Array("t".utf8))], boundary: boundary, close: false)
        raw += Array("--qq\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nno end".utf8)
        let parts = ServeForm.parseMultipart(raw, boundary: boundary)
        #expect(parts.map(\.name) == ["csrf"])
        #expect(ServeForm.parseMultipart(Array("garbage".utf8), boundary: boundary).isEmpty)
        #expect(ServeForm.parseMultipart([], boundary: boundary).isEmpty)
    }

    @Test func uploadedNamesCannotLeaveTheFolder() {
        #expect(ServeForm.safeFileName("../../etc/passwd") == "passwd")
        #expect(ServeForm.safeFileName("C:\\Users\\Секретарь\\база 2023.xlsx") == "база 2023.xlsx")
        #expect(ServeForm.safeFileName("..") == "upload")
        #expect(ServeForm.safeFileName(".hidden.csv") == "hidden.csv")
        #expect(ServeForm.safeFileName("") == "upload")
        #expect(ServeForm.safeFileName("a\u{0}b\nc\u{7F}:d.csv") == "abcd.csv")
        let long = ServeForm.safeFileName(String(repeating: "я", count: 300) + ".xlsx")
        #expect(long.count == 105 && long.hasSuffix(".xlsx"))
    }

    @Test func downloadNamesAreSafeInTheHeader() {
        let h = ServeForm.contentDisposition("база \"ошибки\"\r\n.xlsx")
        #expect(!h.contains("\r") && !h.contains("\n"))
        #expect(h.hasPrefix("attachment; filename=\""))
        #expect(h.contains("filename*=UTF-8''%D0%B1%D0%B0%D0%B7%D0%B0"))
        #expect(ServeForm.contentDisposition("a.html", inline: true).hasPrefix("inline;"))
    }

    @Test func loopbackIsThisComputerOnly() {
        for h in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"] { #expect(ServePassword.isLoopback(h), "\(h)") }
        for h in ["0.0.0.0", "192.168.1.10", "127.0.0", "127.0.0.256", "localhost.evil.example", "::", "10.0.0.1"] {
            #expect(!ServePassword.isLoopback(h), "\(h)")
        }
    }

    @Test func tokensAreRandomHexAndComparedWhole() {
        let a = ServeToken.random(bytes: 32), b = ServeToken.random(bytes: 32)
        #expect(a.count == 64 && a != b)
        #expect(a.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(ServeToken.equal(a, a))
        #expect(!ServeToken.equal(a, b))
        #expect(!ServeToken.equal(a, String(a.dropLast())))
        #expect(!ServeToken.equal("", a))
        #expect(ServeToken.equal("", ""))
    }

    @Test func htmlEscapingCoversTextAndAttributes() {
        #expect(esc("<script>\"a\" & 'b'</script>") == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
        #expect(esc("Орлова Н. В.") == "Орлова Н. В.")
    }

    @Test func thePasswordComesFromTheFilesFirstLineThenTheEnvironment() throws {
        #expect(try ServePassword.resolve(file: nil, environment: [:]) == nil)
        #expect(try ServePassword.resolve(file: nil, environment: ["MENTORBASE_PASSWORD": ""]) == nil)
        #expect(try ServePassword.resolve(file: nil, environment: ["MENTORBASE_PASSWORD": "пароль"]) == "пароль")
    }
}

/// Command-line hints shown on the page name the page's fields instead of the options.
@Suite struct ServeHintsTests {
    @Test func optionNamesBecomeThePageFields() {
        #expect(ServeHints.forPage("сохраните файл в UTF-8 или укажите --encoding", .ru)
            == "сохраните файл в UTF-8 или выберите кодировку в поле «Кодировка (для CSV)»")
        #expect(ServeHints.forPage("save the file as UTF-8 or pass --encoding", .en)
            == "save the file as UTF-8 or choose the encoding in the «Encoding (CSV)» field")
        #expect(ServeHints.forPage("добавьте столбец или укажите соответствие в файле --map", .ru)
            == "добавьте столбец или укажите соответствие в таблице «Соответствие столбцов»")
        #expect(ServeHints.forPage("rename the column or map it in a --map file", .en)
            == "rename the column or map it in the «Column mapping» table")
        #expect(ServeHints.forPage("укажите вид: --kind mentors|mentees|consents", .ru) == "укажите вид: поле «Что в файле»")
        #expect(ServeHints.forPage("name the format: --from csv|xlsx|ods", .en) == "name the format: the «Format» field")
        #expect(ServeHints.forPage("сохраните его заново через --save-map", .ru)
            == "сохраните его заново в таблице «Соответствие столбцов» (кнопка «Сохранить соответствия столбцов»)")
        // Text without options, and dashes that are not options, stay as they are.
        #expect(ServeHints.forPage("дата 31.02.2023 — такой даты нет", .ru) == "дата 31.02.2023 — такой даты нет")
        #expect(ServeHints.forPage("телефон --- не указан", .ru) == "телефон --- не указан")
    }

    @Test func everyHintTheCoreGivesIsRewrittenWithoutLeftoverOptions() {
        // The option names that the core's and plugins' read-side hints use (grep "hint: Localized" for "--").
        for option in ["--encoding", "--map", "--from csv|xlsx", "--kind mentors|pairs", "--save-map"] {
            for lang in [Language.ru, .en] {
                let verb = lang == .ru ? "укажите" : "pass"
                #expect(!ServeHints.forPage("\(verb) \(option)", lang).contains("--"), "\(option) \(lang)")
            }
        }
    }
}
