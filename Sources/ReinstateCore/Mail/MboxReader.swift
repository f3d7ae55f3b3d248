import Foundation

/// Reads an mbox file a message at a time, holding one message (at most `limit` bytes) in memory.
///
/// A message starts at a "From " line that follows a blank line (or the start of the file, or that
/// looks like a separator: "From sender date hh:mm"); the blank line before it belongs to the
/// separator. Lines of the body that start with `>From `, `>>From ` … lose one `>` (mboxrd; for mboxo's
/// single `>From ` it is the same). A `Content-Length` header is honoured when it fits: when exactly that
/// many bytes of body end at the end of the file or at the next separator (mboxcl2, where body lines are
/// not quoted); otherwise the separators decide. Lines may end in CRLF. A message larger than `limit`
/// is skipped with a problem line; a file cut short, or changed while it was read, is said after the
/// messages it still held.
public final class MboxReader: Mailbox {
    let path: String
    let limit: Int
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var bytesRead = 0
    private var endedMidLine = false
    /// Lines put back after looking ahead (last pushed is read first).
    private var pushedBack: [[UInt8]] = []
    private var queued: [MailboxEntry] = []
    private var separatorSeen = false
    private var finished = false
    private var count = 0
    private let inode: ino_t

    static let chunk = 1 << 20
    /// A line longer than this is handed on in pieces (binary junk with no line breaks).
    static let longestLine = 4 << 20

    /// Opens `path` (a regular file only).
    public init(path: String, limit: Int = MessageReader.largestMessage) throws {
        self.path = path
        self.limit = limit
        fd = try RegularFile.open(path, what: "mailbox")
        var st = stat()
        inode = fstat(fd, &st) == 0 ? st.st_ino : 0
    }

    deinit { close(fd) }

    public func next() -> MailboxEntry? {
        if !queued.isEmpty { return queued.removeFirst() }
        if finished { return nil }
        if !separatorSeen {
            guard let first = line() else { return finish() }
            guard Self.isFrom(first) else {
                finished = true
                return .problem("\(path) is not an mbox file: it does not start with a \"From \" line; nothing was read from it.")
            }
            separatorSeen = true
        }
        return readMessage() ?? finish()
    }

    private func finish() -> MailboxEntry? {
        guard !finished else { return queued.isEmpty ? nil : queued.removeFirst() }
        finished = true
        if endedMidLine {
            queued.append(.problem(
                "\(path) ends in the middle of a line: the file looks cut short; its last message was read as far as it goes."))
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_ino != inode {
            queued.append(.changed("\(path) was replaced while it was read (compacted by the mail program?)"))
        } else if fstat(fd, &st) == 0, Int(st.st_size) != bytesRead {
            queued.append(.changed("\(path) changed while it was read (\(bytesRead) bytes read, \(st.st_size) now)"))
        }
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    // MARK: - Messages

    /// The message after a separator line just read, or nil at the end of the file.
    private func readMessage() -> MailboxEntry? {
        count += 1
        let origin = "\(path), message \(count)"
        var message: [UInt8] = []
        var size = 0
        func append(_ l: [UInt8]) {
            size += l.count
            if size <= limit { message.append(contentsOf: l) }
        }
        // Headers, up to the blank line.
        var contentLength: Int? = nil
        var sawAny = false
        var headerEnded = false
        while let l = line() {
            sawAny = true
            if Self.isBlank(l) {
                append(l)
                headerEnded = true
                break
            }
            if Self.isFrom(l), message.isEmpty || Self.looksLikeSeparator(l) {
                // A separator inside the headers: this message was cut short (or is empty). The
                // separator is taken: the next message starts after it.
                if message.isEmpty { return .problem("\(origin) is empty; skipped.") }
                return deliver(message, size: size, origin: origin)
            }
            if l.count > 15, Self.lowercasedPrefix(l, 15) == "content-length:" {
                let value = String(decoding: l[15...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                contentLength = Int(value)
            }
            append(Self.unquoted(l))
        }
        if !sawAny { count -= 1; return nil }
        if headerEnded, let n = contentLength, n >= 0, n <= limit, let body = bodyByLength(n) {
            for l in body { append(l) }
        } else if headerEnded {
            var previousBlank = false
            var held: [UInt8]? = nil  // a blank line kept back: it may belong to the next separator
            while let l = line() {
                if Self.isFrom(l), previousBlank || Self.looksLikeSeparator(l) {
                    separatorSeen = true
                    return deliver(message, size: size, origin: origin)
                }
                if let h = held { append(h); held = nil }
                previousBlank = Self.isBlank(l)
                if previousBlank { held = l } else { append(Self.unquoted(l)) }
            }
            // The end of the file: a final blank line belongs to the message's separator too.
        }
        return deliver(message, size: size, origin: origin)
    }

    private func deliver(_ message: [UInt8], size: Int, origin: String) -> MailboxEntry {
        if size > limit {
            return .problem("\(origin) is \(size / 1_048_576) MB, larger than the \(limit / 1_048_576) MB Reinstate reads; skipped.")
        }
        return .message(MailboxItem(origin: origin, raw: Data(message)))
    }

    /// The `n` bytes of body that a Content-Length names, when they end at a line end followed by the end of
    /// the file or by a separator (a blank line may stand between); otherwise nil, with every line put back.
    private func bodyByLength(_ n: Int) -> [[UInt8]]? {
        var taken: [[UInt8]] = []
        var total = 0
        func giveBack() -> [[UInt8]]? {
            pushedBack.append(contentsOf: taken.reversed())
            return nil
        }
        while total < n, let l = line() {
            taken.append(l)
            total += l.count
        }
        guard total == n else { return giveBack() }
        // What follows: the end, a separator, or one blank line and then the end or a separator.
        guard let after = line() else { return taken }
        if Self.isFrom(after) {
            separatorSeen = true
            return taken
        }
        if Self.isBlank(after) {
            guard let next = line() else { return taken }
            if Self.isFrom(next) { return taken }
            pushedBack.append(next)
        }
        pushedBack.append(after)
        return giveBack()
    }

    // MARK: - Lines

    /// The next line with its line break, or nil at the end.
    private func line() -> [UInt8]? {
        if let l = pushedBack.popLast() { return l }
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let l = Array(buffer[start...nl])
                start = nl + 1
                return l
            }
            if buffer.count - start >= Self.longestLine {
                let l = Array(buffer[start..<(start + Self.longestLine)])
                start += Self.longestLine
                return l
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let l = Array(buffer[start...])
                start = buffer.count
                endedMidLine = true
                return l
            }
            fill()
        }
    }

    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunk)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                if n < 0 {
                    queued.append(.problem("\(path) could not be read to its end: \(String(cString: strerror(errno)))."))
                }
                atEnd = true
                return
            }
            bytesRead += n
            buffer.append(contentsOf: chunk[0..<n])
            return
        }
    }

    // MARK: - Line shapes

    static let from = Array("From ".utf8)

    static func isFrom(_ l: [UInt8]) -> Bool { l.count >= 5 && l[0..<5].elementsEqual(from) }

    static func isBlank(_ l: [UInt8]) -> Bool { l == [0x0A] || l == [0x0D, 0x0A] }

    /// "From sender@example.com Tue Mar  4 09:15:00 2025": a separator even without a blank line before it.
    static func looksLikeSeparator(_ l: [UInt8]) -> Bool {
        guard l.count < 200 else { return false }
        let text = String(decoding: l, as: UTF8.self)
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 4 else { return false }
        return words.contains { w in w.count >= 7 && w.filter({ $0 == ":" }).count == 2 && w.first?.isNumber == true }
    }

    /// `>From ` → `From `, `>>From ` → `>From ` (mboxrd).
    static func unquoted(_ l: [UInt8]) -> [UInt8] {
        guard l.first == 0x3E else { return l }
        var i = 0
        while i < l.count, l[i] == 0x3E { i += 1 }
        guard l.count - i >= 5, l[i..<(i + 5)].elementsEqual(from) else { return l }
        return Array(l.dropFirst())
    }

    static func lowercasedPrefix(_ l: [UInt8], _ n: Int) -> String {
        String(decoding: l.prefix(n), as: UTF8.self).lowercased()
    }
}
