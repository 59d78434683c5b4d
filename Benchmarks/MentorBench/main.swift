// mentorbase-bench: measures one piece of mentorbase at a time, for Benchmarks/*.sh.
//   mentorbase-bench read FILE     read every cell through the registry's reader; prints rows, cells, seconds
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MentorBase
import MentorFormats

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data((s + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: mentorbase-bench read FILE") }
let registry = MentorFormats.builtinRegistry()

switch args[1] {
case "read":
    let start = now()
    do {
        let source = InputSource(path: args[2])
        let plugin = try registry.detect(source).plugin
        let reader = try plugin.makeReader(source: source, options: ReadOptions())
        var rows = 0, cells = 0, textBytes = 0
        for i in reader.sheets.indices {
            let cursor = try reader.rows(inSheet: i)
            while let row = try cursor.next() {
                rows += 1
                for c in row.cells {
                    cells += 1
                    if case .text(let s) = c { textBytes &+= s.utf8.count }
                }
            }
        }
        let secs = now() - start
        print("rows=\(rows) cells=\(cells) textBytes=\(textBytes) seconds=\(String(format: "%.3f", secs))")
    } catch let e as MentorBaseError {
        fail(e.render(.en))
    } catch {
        fail("\(error)")
    }
default:
    fail("unknown benchmark \(args[1])")
}
