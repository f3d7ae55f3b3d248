import Foundation
import Testing

@testable import ReinstateCore

@Suite("Mailboxes")
struct MailboxTests {
    typealias F = MailFixture

    @Test func mboxrdSplitsMessagesAndUnquotesFromLines() throws {
        let folder = F.Folder()
        let body = F.notice(id: "a@amazon.com") + "From here on, we watch.\n>From the archive.\n"
        let path = folder.write("inbox.mbox", F.mbox([body, F.reply()]))
        let entries = F.entries(try MailboxFormat.open(path))
        let items = F.messages(entries)
        #expect(F.problems(entries).isEmpty)
        #expect(items.count == 2)
        let first = String(decoding: items[0].raw, as: UTF8.self)
        #expect(first.hasPrefix("Authentication-Results:"))  // the separator line is not part of the message
        #expect(first.contains("\nFrom here on, we watch.\n"))
        #expect(first.contains("\n>From the archive.\n"))
        #expect(first.hasSuffix("Seller Performance Team\nFrom here on, we watch.\n>From the archive.\n"))
        #expect(String(decoding: items[1].raw, as: UTF8.self).hasPrefix("Authentication-Results:"))
        #expect(items[1].origin == "\(path), message 2")
    }

    @Test func crlfLinesAreKept() throws {
        let folder = F.Folder()
        let path = folder.write("crlf.mbox", F.mbox([F.notice(), F.reply()], lineEnd: "\r\n"))
        let items = F.messages(F.entries(try MailboxFormat.open(path)))
        #expect(items.count == 2)
        #expect(String(decoding: items[0].raw, as: UTF8.self).contains("Hello Blue Harbor Goods LLC,\r\n"))
        #expect(MailEnvelope.read(items[1].raw)?.messageID == "r1@amazon.com")
    }

    @Test func contentLengthIsHonouredWhenItFits() throws {
        // mboxcl2: the body holds an unquoted "From " line after a blank line; Content-Length says where it ends.
        let body = "First line.\n\nFrom the desk of the seller: not a separator.\n"
        let message = "From: seller-performance@amazon.com\nSubject: x\nContent-Length: \(body.utf8.count)\n\n" + body
        let text = "From a@b Tue Nov 10 09:15:00 2026\n" + message + "\nFrom a@b Tue Nov 10 09:16:00 2026\nFrom: b@amazon.com\nSubject: y\n\nSecond.\n"
        let folder = F.Folder()
        let items = F.messages(F.entries(try MailboxFormat.open(folder.write("cl.mbox", Data(text.utf8)))))
        #expect(items.count == 2)
        #expect(String(decoding: items[0].raw, as: UTF8.self) == message)
    }

    @Test func aWrongContentLengthFallsBackToSeparators() throws {
        let text = "From a@b Tue Nov 10 09:15:00 2026\nFrom: x@amazon.com\nContent-Length: 3\n\nA longer body.\n\n"
            + "From a@b Tue Nov 10 09:16:00 2026\nFrom: y@amazon.com\n\nSecond.\n"
        let folder = F.Folder()
        let items = F.messages(F.entries(try MailboxFormat.open(folder.write("bad-cl.mbox", Data(text.utf8)))))
        #expect(items.count == 2)
        #expect(String(decoding: items[0].raw, as: UTF8.self).hasSuffix("A longer body.\n"))
    }

    @Test func aTruncatedMboxKeepsWhatItHoldsAndSaysSo() throws {
        var data = F.mbox([F.notice(), F.reply()])
        data.removeLast(40)
        let folder = F.Folder()
        let entries = F.entries(try MailboxFormat.open(folder.write("cut.mbox", data)))
        #expect(F.messages(entries).count == 2)
        let problems = F.problems(entries)
        #expect(problems.count == 1)
        #expect(problems[0].contains("cut short"))
    }

    @Test func anOversizedMessageIsSkippedWithALineAndTheRestRead() throws {
        let big = F.notice(id: "big@amazon.com") + String(repeating: "x", count: 3000) + "\n"
        let folder = F.Folder()
        let path = folder.write("big.mbox", F.mbox([F.notice(), big, F.reply()]))
        let entries = F.entries(try MboxReader(path: path, limit: 2048))
        #expect(F.messages(entries).count == 2)
        #expect(F.problems(entries).count == 1)
        #expect(F.problems(entries)[0].contains("message 2"))
    }

    @Test func binaryJunkIsNotAMailbox() throws {
        let folder = F.Folder()
        let path = folder.write("junk.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        #expect(throws: FileProblem.self) { try MailboxFormat.open(path) }
    }

    @Test func maildirReadsNewAndCurWithFlagsAndSkipsTmp() throws {
        let folder = F.Folder()
        folder.write("Inbox/new/1700000001.M1P1.host", Data(F.notice().utf8))
        folder.write("Inbox/cur/1700000000.M1P1.host:2,RS", Data(F.reply().utf8))
        folder.write("Inbox/tmp/1700000002.M1P1.host", Data("half written".utf8))
        folder.write("Inbox/cur/.hidden", Data("x".utf8))
        #expect(try MailboxFormat.detect(folder.path + "/Inbox") == .maildir)
        let entries = F.entries(try MailboxFormat.open(folder.path + "/Inbox"))
        let items = F.messages(entries)
        #expect(F.problems(entries).isEmpty)
        #expect(items.count == 2)
        #expect(items.map(\.flags).sorted() == ["", "RS"])
    }

    @Test func maildirFilesThatCannotBeReadAreALineEach() throws {
        let folder = F.Folder()
        folder.write("M/new/1", Data(F.notice().utf8))
        let locked = folder.write("M/new/2", Data(F.reply().utf8))
        try FileManager.default.createDirectory(atPath: folder.path + "/M/cur", withIntermediateDirectories: true)
        chmod(locked, 0)
        defer { chmod(locked, 0o600) }
        let entries = F.entries(try MailboxFormat.open(folder.path + "/M"))
        if getuid() == 0 { return }  // root reads everything
        #expect(F.messages(entries).count == 1)
        #expect(F.problems(entries).count == 1)
        #expect(F.problems(entries)[0].contains("cannot be read"))
    }

    @Test func maildirMessagesThatArriveOrMoveWhileReadAreReadOnce() throws {
        let folder = F.Folder()
        folder.write("M/new/1.a.host", Data(F.notice().utf8))
        folder.write("M/new/2.b.host", Data(F.reply().utf8))
        try FileManager.default.createDirectory(atPath: folder.path + "/M/cur", withIntermediateDirectories: true)
        var box = MailFolder(path: folder.path + "/M", layout: .maildir)
        guard case .message = box.next() else { Issue.record("no first message"); return }
        // The mail program moves the second message to cur, and a third arrives.
        try FileManager.default.moveItem(atPath: folder.path + "/M/new/2.b.host", toPath: folder.path + "/M/cur/2.b.host:2,S")
        folder.write("M/new/3.c.host", Data(F.notice(id: "n3@amazon.com").utf8))
        var rest: [MailboxEntry] = []
        while let e = box.next() { rest.append(e) }
        #expect(F.problems(rest).isEmpty)
        #expect(F.messages(rest).count == 2)
    }

    @Test func aFolderOfEmlFiles() throws {
        let folder = F.Folder()
        folder.write("saved/notice.eml", Data(F.notice().utf8))
        folder.write("saved/reply.EML", Data(F.reply().utf8))
        folder.write("saved/notes.txt", Data("not mail".utf8))
        #expect(try MailboxFormat.detect(folder.path + "/saved") == .emlFolder)
        #expect(F.messages(F.entries(try MailboxFormat.open(folder.path + "/saved"))).count == 2)
    }
}
