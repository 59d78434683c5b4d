#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase

/// One run of an external plugin: its pipes, its process group, and bounded waits on both.
///
/// Everything is non-blocking and driven by `poll(2)` on one task: standard input is fed
/// (from a stream or from queued bytes) while standard output is read only as far as the
/// caller asks, so a plugin producing rows is held back by the pipe when nobody reads them.
/// Standard error is always drained (a plugin blocked on a full stderr pipe would look hung)
/// and kept bounded. Time without progress (stdin accepted or stdout produced) is limited by
/// `idleTimeout`; then the whole process group is killed, so a script's own children die too.
final class ChildProcess {
    private static let spawnLock = NSLock()

    /// Who the process is, for messages: the plugin's id and its executable.
    let label: String
    let executable: String
    let idleTimeout: Double
    private(set) var pid: pid_t = 0
    private var stdinFD: Int32 = -1
    private var stdoutFD: Int32 = -1
    private var stderrFD: Int32 = -1
    private var reaped = false
    private(set) var waitStatus: Int32 = 0

    /// Bytes still to write to the child's standard input.
    private var pendingIn: [UInt8] = []
    private var pendingInStart = 0
    /// Pulled into standard input whenever the pipe takes more; nil when done.
    var stdinSource: (any ByteStream)?

    /// Standard output for line reading; `stdoutSink` instead forwards it (writers that output to a sink).
    private var outBuffer: [UInt8] = []
    private var outStart = 0
    private var scanned = 0
    private(set) var stdoutEOF = false
    var stdoutSink: (any ByteSink)?
    let maxLineBytes: Int

    /// What the plugin said on standard error.
    private(set) var stderrLog = StderrLog()
    private var errBuffer: [UInt8] = []
    private var stderrEOF = false

    init(label: String, executable: String, arguments: [String], pipeStdin: Bool,
         idleTimeout: Double, maxLineBytes: Int = 256 << 20) throws {
        self.label = label
        self.executable = executable
        self.idleTimeout = idleTimeout
        self.maxLineBytes = maxLineBytes
        // A plugin that dies while we write to it must give an error, not kill mentorbase.
        signal(SIGPIPE, SIG_IGN)

        // Pipes are made close-on-exec and the child spawned under one lock: another thread's
        // child must never inherit our pipe ends (it would hold them open, and EOF never come).
        ChildProcess.spawnLock.lock()
        defer { ChildProcess.spawnLock.unlock() }
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, !pipeStdin || pipe(&inPipe) == 0 else {
            let err = errno
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            throw ChildProcess.startError(label, executable, err)
        }
        for fd in inPipe + outPipe + errPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if pipeStdin {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (so a timeout kills its children too), default signals, nothing masked.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        var rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: another thread's fork still holds the script open for writing (it was just
        // written); that fork execs or exits within moments.
        var attempts = 0
        while rc == ETXTBSY && attempts < 50 {
            usleep(20_000)
            attempts += 1
            rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        }
        close(outPipe[1])
        close(errPipe[1])
        if pipeStdin { close(inPipe[0]) }
        guard rc == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            if pipeStdin { close(inPipe[1]) }
            throw ChildProcess.startError(label, executable, rc)
        }
        pid = child
        stdoutFD = outPipe[0]
        stderrFD = errPipe[0]
        stdinFD = pipeStdin ? inPipe[1] : -1
        for fd in [stdoutFD, stderrFD, stdinFD] where fd >= 0 {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
        }
    }

    deinit {
        if !reaped { killGroup() }
        for fd in [stdinFD, stdoutFD, stderrFD] where fd >= 0 { close(fd) }
    }

    // MARK: Feeding standard input

    /// Queues `bytes` for standard input and pumps until the pipe has taken them all.
    func write(_ bytes: [UInt8]) throws {
        guard stdinFD >= 0 else { throw protocolError(en: "stopped reading its input", ru: "перестал читать входные данные") }
        compactIn()
        pendingIn += bytes
        while stdinFD >= 0 && pendingInStart < pendingIn.count {
            try pump(wantStdout: false)
        }
        if pendingInStart < pendingIn.count {
            throw protocolError(en: "stopped reading its input", ru: "перестал читать входные данные")
        }
    }

    /// Closes standard input once everything queued (and the source) has been written.
    func finishInput() throws {
        while stdinFD >= 0 {
            if pendingInStart >= pendingIn.count && stdinSource == nil {
                closeStdin()
                break
            }
            try pump(wantStdout: false)
        }
    }

    private func closeStdin() {
        if stdinFD >= 0 { close(stdinFD) }
        stdinFD = -1
    }

    private func compactIn() {
        if pendingInStart > 0 {
            pendingIn.removeFirst(pendingInStart)
            pendingInStart = 0
        }
    }

    // MARK: Reading standard output

    /// The next line of standard output without its `\n`, or nil once the output ended.
    func readLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let nl = outBuffer[(outStart + scanned)...].firstIndex(of: 0x0A) {
                let line = outBuffer[outStart..<nl]
                outStart = nl + 1
                scanned = 0
                return line
            }
            scanned = outBuffer.count - outStart
            if stdoutEOF {
                guard outStart < outBuffer.count else { return nil }
                let line = outBuffer[outStart...]
                outStart = outBuffer.count
                scanned = 0
                return line
            }
            if scanned > maxLineBytes {
                killGroup()
                throw protocolError(en: "printed a line longer than \(maxLineBytes >> 20) MiB",
                                    ru: "вывел строку длиннее \(maxLineBytes >> 20) МиБ")
            }
            if outStart > 0 && outStart >= outBuffer.count / 2 {
                outBuffer.removeFirst(outStart)
                outStart = 0
            }
            try pump(wantStdout: true)
        }
    }

    /// Reads standard output to its end (into `stdoutSink`, or discarding lines).
    func drainOutput() throws {
        while !stdoutEOF { try pump(wantStdout: true) }
    }

    // MARK: The poll loop

    /// One round of `poll`: feeds stdin, reads stdout (when wanted), drains stderr. Throws when
    /// nothing moved for `idleTimeout` seconds.
    private func pump(wantStdout: Bool) throws {
        let deadline = now() + idleTimeout
        while true {
            var fds: [pollfd] = []
            let feeding = stdinFD >= 0 && (pendingInStart < pendingIn.count || stdinSource != nil)
            if feeding { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let reading = !stdoutEOF && (wantStdout || stdoutSink != nil)
            if reading { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if !stderrEOF { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            if fds.isEmpty { return }
            let left = deadline - now()
            if left <= 0 { throw timedOut() }
            let r = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000, 60_000).rounded(.up)))
            if r < 0 {
                if errno == EINTR { continue }
                throw ioError(String(cString: strerror(errno)))
            }
            if r == 0 { continue }
            var progressed = false
            for p in fds where p.revents != 0 {
                if p.fd == stdinFD {
                    if p.revents & Int16(POLLERR | POLLHUP) != 0 {
                        // The plugin closed its input: nothing more can be written.
                        closeStdin()
                        stdinSource = nil
                        progressed = true
                    } else if try feedStdin() {
                        progressed = true
                    }
                } else if p.fd == stdoutFD {
                    if try readStdout() { progressed = true }
                } else if p.fd == stderrFD {
                    readStderr()
                }
            }
            if progressed { return }
        }
    }

    private func feedStdin() throws -> Bool {
        if pendingInStart >= pendingIn.count, let source = stdinSource {
            pendingIn.removeAll(keepingCapacity: true)
            pendingInStart = 0
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 {
                // The whole source went in: end of input for the plugin.
                stdinSource = nil
                closeStdin()
                return true
            }
            pendingIn = Array(chunk[0..<n])
        }
        guard pendingInStart < pendingIn.count else { return false }
        let n = pendingIn.withUnsafeBytes { b in
            Glibc.write(stdinFD, b.baseAddress! + pendingInStart, b.count - pendingInStart)
        }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return false }
            // EPIPE: the plugin exited or closed its input.
            closeStdin()
            stdinSource = nil
            return true
        }
        pendingInStart += n
        return n > 0
    }

    private func readStdout() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let n = chunk.withUnsafeMutableBytes { Glibc.read(stdoutFD, $0.baseAddress!, $0.count) }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return false }
            stdoutEOF = true
            return true
        }
        if n == 0 {
            stdoutEOF = true
            return true
        }
        if let sink = stdoutSink {
            try chunk.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        } else {
            outBuffer += chunk[0..<n]
        }
        return true
    }

    private func readStderr() {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { Glibc.read(stderrFD, $0.baseAddress!, $0.count) }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return }
            stderrEOF = true
        } else if n == 0 {
            stderrEOF = true
            if !errBuffer.isEmpty { stderrLog.take(errBuffer[...]); errBuffer = [] }
        } else {
            errBuffer += chunk[0..<n]
            while let nl = errBuffer.firstIndex(of: 0x0A) {
                stderrLog.take(errBuffer[..<nl])
                errBuffer.removeSubrange(...nl)
            }
            // A line without an end is kept bounded.
            if errBuffer.count > 64 * 1024 { stderrLog.take(errBuffer[...]); errBuffer = [] }
        }
    }

    // MARK: Ending

    /// Waits for the process to exit (draining its output), at most `idleTimeout`; kills it then.
    func waitForExit() throws -> Int32 {
        if reaped { return waitStatus }
        let deadline = now() + idleTimeout
        while true {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                reaped = true
                waitStatus = status
                // Whatever is still in the pipes (grandchildren may hold them: do not wait for them).
                if !stderrEOF { readStderr() }
                if !errBuffer.isEmpty { stderrLog.take(errBuffer[...]); errBuffer = [] }
                return status
            }
            if r < 0 && errno != EINTR {
                reaped = true
                return 0
            }
            if now() > deadline {
                killGroup()
                throw timedOut()
            }
            var fds: [pollfd] = []
            if !stderrEOF { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            if !stdoutEOF && stdoutSink != nil { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if fds.isEmpty {
                usleep(5_000)
            } else if poll(&fds, nfds_t(fds.count), 10) > 0 {
                for p in fds where p.revents != 0 {
                    if p.fd == stderrFD { readStderr() } else { _ = try readStdout() }
                }
            }
        }
    }

    /// Kills the whole process group and reaps the process.
    func killGroup() {
        guard pid > 0, !reaped else { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        waitStatus = status
        reaped = true
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    // MARK: Errors

    private func timedOut() -> MentorBaseError {
        killGroup()
        let t = idleTimeout == idleTimeout.rounded() ? String(Int(idleTimeout)) : String(idleTimeout)
        return MentorBaseError(code: "plugin-timeout", kind: .io,
                               message: Localized(ru: "плагин \(label) (\(executable)) не отвечал \(t) с и остановлен",
                                                  en: "plugin \(label) (\(executable)) did not answer for \(t) s and was stopped"),
                               hint: Localized(ru: "для медленного плагина увеличьте --plugin-timeout или MENTORBASE_PLUGIN_TIMEOUT",
                                               en: "for a slow plugin raise --plugin-timeout or MENTORBASE_PLUGIN_TIMEOUT"))
    }

    func protocolError(en: String, ru: String) -> MentorBaseError {
        MentorBaseError(code: "plugin-protocol-error", kind: .io,
                        message: Localized(ru: "плагин \(label) (\(executable)) \(ru)", en: "plugin \(label) (\(executable)) \(en)"),
                        hint: stderrLog.tailHint)
    }

    private func ioError(_ detail: String) -> MentorBaseError {
        MentorBaseError(code: "plugin-failed", kind: .io,
                        message: Localized(ru: "плагин \(label): ошибка ввода-вывода: \(detail)",
                                           en: "plugin \(label): I/O error: \(detail)"))
    }

    static func startError(_ label: String, _ executable: String, _ err: Int32) -> MentorBaseError {
        let m = String(cString: strerror(err))
        return MentorBaseError(code: "plugin-failed", kind: .io,
                               message: Localized(ru: "не удалось запустить плагин \(label) (\(executable)): \(m)",
                                                  en: "cannot start plugin \(label) (\(executable)): \(m)"))
    }
}

/// What a plugin wrote to standard error: JSON error and warning lines, and a tail of plain text.
struct StderrLog {
    /// The first `{"error": …}` line.
    var error: WireProblem?
    /// `{"warning": …}` lines (bounded).
    var warnings: [WireProblem] = []
    var droppedWarnings = 0
    /// The last lines of plain text (a traceback, say), each cut to 300 characters.
    var textTail: [String] = []

    mutating func take(_ line: ArraySlice<UInt8>) {
        var l = line
        if l.last == 0x0D { l = l.dropLast() }
        if l.first == 0x7B, let problem = try? JSONDecoder().decode(WireStderrLine.self, from: Data(l)) {
            if let e = problem.error {
                if error == nil { error = e }
                return
            }
            if let w = problem.warning {
                if warnings.count < 1000 { warnings.append(w) } else { droppedWarnings += 1 }
                return
            }
        }
        let text = String(decoding: l.prefix(1200), as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        textTail.append(text.count > 300 ? String(text.prefix(300)) + "…" : text)
        if textTail.count > 8 { textTail.removeFirst() }
    }

    /// The plain-text tail as a hint ("its last words: …"), nil when it said nothing.
    var tailHint: Localized? {
        guard !textTail.isEmpty else { return nil }
        let t = textTail.joined(separator: " ⏎ ")
        return Localized(ru: "плагин сообщил: \(t)", en: "the plugin said: \(t)")
    }
}
