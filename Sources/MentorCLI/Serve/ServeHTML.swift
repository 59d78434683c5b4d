import MentorBase

/// What every page is rendered with: the language, the CSRF token for its forms, the CSP nonce.
struct PageContext: Sendable {
    var lang: Language
    var csrf: String
    var nonce: String

    /// Russian or English by the server's language.
    func t(_ ru: String, _ en: String) -> String { lang == .ru ? ru : en }

    /// The hidden field every state-changing form carries.
    var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(csrf))\">" }
}

/// Escapes text for HTML element content and quoted attribute values.
func esc(_ s: String) -> String { HTMLText.escape(s) }

/// The page frame: navigation, inline style and script (allowed by the response's nonce).
enum ServeLayout {
    static func page(_ c: PageContext, title: String, current: String, body: String) -> String {
        let nav: [(String, String, String)] = [
            ("upload", "/", c.t("Загрузка файла", "Upload")),
            ("export", "/export", c.t("Выгрузка", "Export")),
            ("history", "/batches", c.t("История", "History")),
        ]
        let links = nav.map { key, href, label in
            "<a href=\"\(href)\"" + (key == current ? " aria-current=\"page\"" : "") + ">\(esc(label))</a>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(c.lang.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) — mentorbase</title>
            <style nonce="\(c.nonce)">\(css)</style>
            </head>
            <body>
            <a class="skip" href="#main">\(c.t("К содержанию", "Skip to content"))</a>
            <header class="top"><span class="brand">mentorbase</span><nav aria-label="\(c.t("Разделы", "Sections"))">\(links)</nav></header>
            <main id="main">
            \(body)
            </main>
            <footer class="foot">\(c.t("Страница работает без интернета. Загруженные файлы лежат во временной папке сервера mentorbase и удаляются после импорта.", "The page works offline. Uploaded files stay in the mentorbase server's temporary folder and are deleted after the import."))</footer>
            <script nonce="\(c.nonce)">\(script)</script>
            </body>
            </html>
            """
    }

    /// System fonts only; readable at 390 px; red and yellow marks also carry text for screen readers.
    static let css = """
        :root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0b5cad;--err:#b3261e;--errbg:#fde2e1;--warn:#7a5a00;--warnbg:#fff4c2;--ok:#1a7f37;--okbg:#dafbe1}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
        .top{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
        .brand{font-weight:700}
        .top nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        .top a{color:var(--accent);text-decoration:none}.top a[aria-current]{font-weight:700;text-decoration:underline}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        .foot{max-width:72rem;margin:2rem auto 1rem;padding:0 1rem;color:var(--muted);font-size:.875rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
        a{color:var(--accent)}
        h1,h2,h3,p,dd,li,label{overflow-wrap:anywhere}
        :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        form.stack,.stack{display:grid;grid-template-columns:minmax(0,1fr);gap:.75rem;max-width:36rem}
        label{font-weight:600;display:block}
        fieldset{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;margin:0;min-width:0}legend{font-weight:700;padding:0 .25rem}
        .help{color:var(--muted);font-size:.875rem;margin:.1rem 0 0}
        input[type=text],input[type=date],input[type=url],input[type=search],select{font:inherit;padding:.4rem .5rem;border:1px solid var(--line);border-radius:6px;width:100%;max-width:36rem;min-width:0;background:#fff}
        input[type=file]{font:inherit;max-width:100%}
        button,.button{font:inherit;display:inline-block;padding:.5rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
        button.secondary,.button.secondary{background:#fff;color:var(--accent)}
        button.danger{background:var(--err);border-color:var(--err)}
        .check{display:flex;gap:.5rem;align-items:flex-start}.check label{font-weight:400}.check input{margin-top:.35rem}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
        .drop{border:2px dashed var(--line);border-radius:8px;padding:1rem}.drop.over{border-color:var(--accent);background:#eef5fd}
        .status{padding:.75rem 1rem;border-radius:8px;margin:1rem 0;border:1px solid}
        .status.bad{background:var(--errbg);border-color:var(--err)}.status.good{background:var(--okbg);border-color:var(--ok)}.status.note{background:var(--warnbg);border-color:#d4a72c}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
        .scroll{position:relative;overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:6px;margin:.5rem 0}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        thead th{background:var(--soft);position:sticky;top:0}
        tr.group th{background:#eef1f4;font-weight:700}
        table.sheet td,table.sheet th{white-space:nowrap;max-width:18rem;overflow:hidden;text-overflow:ellipsis;border-right:1px solid var(--line)}
        table.sheet th.rn{color:var(--muted);text-align:right}
        table.sheet tr.header td{font-weight:700;background:#eef5fd}
        td.mark-error{background:var(--errbg);box-shadow:inset 0 0 0 2px var(--err)}
        td.mark-warning{background:var(--warnbg);box-shadow:inset 0 0 0 2px #d4a72c}
        .sev-error{color:var(--err);font-weight:700}.sev-warning{color:var(--warn);font-weight:700}
        .sr{position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .muted{color:var(--muted)}
        .old{text-decoration:line-through;color:var(--muted)}.new{font-weight:600}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}.counts li{border:1px solid var(--line);border-radius:6px;padding:.25rem .6rem;background:var(--soft)}
        iframe.preview{width:100%;height:70vh;border:1px solid var(--line);border-radius:6px;background:#fff}
        .busy{display:none}.busy.on{display:inline}
        @media (max-width:40rem){h1{font-size:1.25rem}main{padding:.75rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}}
        @media print{.top,.foot,.actions,form{display:none}}
        """

    /// Progressive enhancement only: every form works without it.
    static let script = """
        (function(){
          var d=document.querySelector('[data-drop]');
          if(d){var input=d.querySelector('input[type=file]');
            ['dragenter','dragover'].forEach(function(e){d.addEventListener(e,function(ev){ev.preventDefault();d.classList.add('over');});});
            ['dragleave','drop'].forEach(function(e){d.addEventListener(e,function(ev){ev.preventDefault();d.classList.remove('over');});});
            d.addEventListener('drop',function(ev){if(ev.dataTransfer&&ev.dataTransfer.files.length&&input){input.files=ev.dataTransfer.files;}});}
          document.querySelectorAll('form[data-busy]').forEach(function(f){f.addEventListener('submit',function(){
            var b=f.querySelector('.busy');if(b){b.classList.add('on');}
            var s=f.querySelector('button[type=submit]');if(s){setTimeout(function(){s.disabled=true;},0);}});});
        })();
        """
}
