import ArgumentParser
import MentorBase

/// `mentorbase formats`: the formats this build can read and write.
struct FormatsCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "formats",
                             abstract: L("Показать известные форматы файлов.", "List the known file formats."))
    }

    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let ds = context.registry.descriptors
        if global.format == .json {
            var out: [UInt8] = Array("[".utf8)
            for (i, d) in ds.enumerated() {
                if i > 0 { out.append(contentsOf: ",".utf8) }
                out.append(contentsOf: "\n  {\"id\":".utf8)
                JSONText.appendString(d.id, to: &out)
                out.append(contentsOf: ",\"name\":".utf8)
                JSONText.appendString(d.name, to: &out)
                out.append(contentsOf: ",\"extensions\":[".utf8)
                out.append(contentsOf: d.extensions.map(JSONText.quote).joined(separator: ",").utf8)
                out.append(contentsOf: "],\"mediaTypes\":[".utf8)
                out.append(contentsOf: d.mediaTypes.map(JSONText.quote).joined(separator: ",").utf8)
                out.append(contentsOf: "],\"read\":\(d.capabilities.contains(.read)),\"write\":\(d.capabilities.contains(.write))".utf8)
                out.append(contentsOf: ",\"capabilities\":[".utf8)
                out.append(contentsOf: d.capabilities.names.map(JSONText.quote).joined(separator: ",").utf8)
                out.append(contentsOf: "],\"origin\":".utf8)
                JSONText.appendString(d.origin, to: &out)
                out.append(contentsOf: ",\"options\":{".utf8)
                out.append(contentsOf: d.options.map { JSONText.quote($0.name) + ":" + JSONText.quote($0.help(global.lang)) }
                    .joined(separator: ",").utf8)
                out.append(contentsOf: "}}".utf8)
            }
            out.append(contentsOf: "\n]\n".utf8)
            context.terminal.out(String(decoding: out, as: UTF8.self))
            return
        }
        let ru = global.lang == .ru
        let idW = max(4, ds.map(\.id.count).max() ?? 0)
        let nameW = max(8, ds.map(\.name.count).max() ?? 0)
        context.terminal.out(padRight(ru ? "id" : "id", idW) + "  " + padRight(ru ? "название" : "name", nameW)
            + "  " + (ru ? "чтение запись  расширения          источник" : "read write  extensions          origin") + "\n")
        for d in ds {
            let r = d.capabilities.contains(.read) ? (ru ? "да" : "yes") : (ru ? "нет" : "no")
            let w = d.capabilities.contains(.write) ? (ru ? "да" : "yes") : (ru ? "нет" : "no")
            let exts = d.extensions.map { "." + $0 }.joined(separator: " ")
            context.terminal.out(padRight(d.id, idW) + "  " + padRight(d.name, nameW) + "  "
                + padRight(r, ru ? 6 : 4) + " " + padRight(w, ru ? 6 : 5) + " " + padRight(exts, 19) + " " + d.origin + "\n")
            for o in d.options {
                context.terminal.out(String(repeating: " ", count: idW + 2) + "--option \(o.name)=…  \(o.help(global.lang))\n")
            }
        }
    }
}

func padRight(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
