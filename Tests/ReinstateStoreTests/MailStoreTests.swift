import Foundation
import GRDB
import ReinstateApp
import ReinstateCore
import Testing
@testable import ReinstateStore

/// Mail intake against a real SQLite file: filing, holding, duplicates, attachments and backups.
@Suite("Mail store")
struct MailStoreTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    static let notice = """
        Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com
        From: Amazon <seller-performance@amazon.com>
        To: ops@blueharbor.example
        Subject: Your Amazon selling account (amazon.com)
        Date: Tue, 10 Nov 2026 09:15:00 +0000
        Message-ID: <n1@amazon.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Hello Blue Harbor Goods LLC,

        We have deactivated your Amazon selling account because we received customer complaints that items you sold were inauthentic.

        If we do not receive a plan of action within 17 days, your account will remain deactivated.

        ASIN: B0C1234567
        Order ID: 111-2223334-4445556
        --b1
        Content-Type: application/pdf; name="invoice.pdf"
        Content-Disposition: attachment; filename="invoice.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK/wA=
        --b1--

        """

    static let reply = """
        From: seller-performance@amazon.com
        Subject: Re: Your Amazon selling account (amazon.com)
        Date: Sun, 15 Nov 2026 10:00:00 +0000
        Message-ID: <r1@amazon.com>
        In-Reply-To: <n1@amazon.com>

        Hello Blue Harbor Goods LLC,

        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of inauthentic items.

        """

    func item(_ text: String, _ origin: String = "test") -> MailboxItem {
        MailboxItem(origin: origin, raw: Data(text.utf8))
    }

    @Test func aNoticeOpensACaseAndItsReplyFollowsItWithAttachmentsKept() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        let first = await intake.take(item(Self.notice))
        #expect(first.result == .newCase)
        #expect(first.attachments == 1)
        let second = await intake.take(item(Self.reply))
        #expect(second.result == .added)
        #expect(second.caseID == first.caseID)
        let caseID = try #require(first.caseID)
        let c = try store.suspensionCase(caseID)
        #expect(c.account == "Blue Harbor Goods LLC")
        #expect(c.scope == .listings(["B0C1234567"]))
        #expect(c.status == .moreInformationRequested)
        let messageID = try #require(first.messageID)
        let (a, data) = try store.attachmentData(messageID: messageID, number: 1)
        #expect(a.filename == "invoice.pdf")
        #expect(data == Data(base64Encoded: "JVBERi0xLjQK/wA=")!)
        // The case read whole (what the tracker shows) lists it under its message.
        #expect(try store.history(c.id).attachments[messageID]?.map(\.filename) == ["invoice.pdf"])
        #expect(try store.message(messageID).raw == Data(Self.notice.utf8))

        // A second import, by a new intake that reads the store's facts: nothing is added.
        let again = try await MailIntake(store: store, dryRun: false, now: now)
        let known = await again.take(item(Self.notice))
        #expect(known.result == .duplicate)
        // Known from its headers alone, with the date and subject the table shows.
        #expect(known.date == Timestamp.parse("2026-11-10T09:15:00Z"))
        #expect(known.subject == "Your Amazon selling account (amazon.com)")
        #expect(await again.take(item(Self.reply)).result == .duplicate)
        #expect(try store.history(caseID).messages.count == 2)
    }

    @Test func aMessageThatCannotBePlacedIsHeldOnceAndFiledByHand() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        let held = await intake.take(item(Self.reply))  // its notice was never imported: no case to follow
        #expect(held.result == .held)
        let heldID = try #require(held.heldID)
        #expect(try store.heldMessages().map(\.id) == [heldID])
        #expect(await (try await MailIntake(store: store, dryRun: false, now: now)).take(item(Self.reply)).result == .duplicate)

        let caseID = try store.createCase(SuspensionCase(title: "Inauthentic", account: "Blue Harbor Goods LLC", opened: now))
        let stored = try await MailIntake.fileHeld(heldID, caseID: caseID, store: store, now: now)
        #expect(stored.message.caseID == caseID)
        #expect(stored.requests.count == 1)
        #expect(try store.heldCount() == 0)
        #expect(await (try await MailIntake(store: store, dryRun: false, now: now)).take(item(Self.reply)).result == .duplicate)
        await #expect(throws: StoreError.self) { try await MailIntake.fileHeld(heldID, caseID: caseID, store: store, now: now) }
    }

    @Test func aDryRunWritesNothing() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let intake = try await MailIntake(store: store, dryRun: true, now: now)
        #expect(await intake.take(item(Self.notice)).result == .newCase)
        #expect(await intake.take(item(Self.reply)).result == .added)
        #expect(try store.caseCount() == 0)
        #expect(try store.heldCount() == 0)
    }

    @Test func aFailedFilingLeavesNothingHalfWritten() throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let raw = Data(Self.notice.utf8)
        let reading = MessageReader().read(raw)
        let facts = MailFacts(raw: raw, envelope: try #require(MailEnvelope.read(raw)), reading: reading)
        // Case 99 does not exist: the new message, its identity and attachments must all be rolled back.
        #expect(throws: StoreError.self) {
            try store.fileMail(raw: raw, reading: reading, facts: facts, into: .existing(99), attachments: MailAttachments.read(raw), now: now)
        }
        #expect(try store.knowsMail(facts.identity) == false)
        let counts = try DatabaseQueue(path: tmp.file("s.sqlite")).read { db in
            try ["message", "mail_identity", "message_attachment", "mail_mark"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [0, 0, 0, 0])
    }

    @Test func backupsCarryMailIdentitiesAndAttachments() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("a.sqlite"))
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        let filed = await intake.take(item(Self.notice))
        let exported = try store.exportDocument().encoded()
        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.contains("\"mailIdentity\" : \"message-id:n1@amazon.com\""))
        #expect(text.contains("\"filename\" : \"invoice.pdf\""))

        let restored = try CaseStore(path: tmp.file("b.sqlite"))
        try restored.importDocument(try StoreDocument.decode(exported))
        #expect(try restored.exportDocument().encoded() == exported)
        #expect(try restored.attachmentData(messageID: try #require(filed.messageID), number: 1).1.count == 11)
        #expect(await (try await MailIntake(store: restored, dryRun: false, now: now)).take(item(Self.notice)).result == .duplicate)

        // A document whose attachment does not match its raw message is refused.
        let tampered = text.replacingOccurrences(of: "\"size\" : 11", with: "\"size\" : 12")
        let third = try CaseStore(path: tmp.file("c.sqlite"))
        #expect(throws: StoreError.self) { try third.importDocument(try StoreDocument.decode(Data(tampered.utf8))) }

        // An older document, without the new keys, still imports.
        var document = try StoreDocument.decode(exported)
        document.cases[0].messages[0].mailIdentity = nil
        document.cases[0].messages[0].attachments = nil
        let older = String(decoding: try document.encoded(), as: UTF8.self)
        #expect(!older.contains("mailIdentity") && !older.contains("\"filename\""))
        let fourth = try CaseStore(path: tmp.file("d.sqlite"))
        try fourth.importDocument(try StoreDocument.decode(Data(older.utf8)))
        #expect(try fourth.caseCount() == 1)
    }

    @Test func backupsCarryHeldMailAndWhatPlacesTheNextReply() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("a.sqlite"))
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        let held = try #require(await intake.take(item(Self.reply)).heldID)  // before its notice: nothing to follow
        let caseID = try #require(await intake.take(item(Self.notice)).caseID)
        let exported = try store.exportDocument().encoded()
        let document = try StoreDocument.decode(exported)
        #expect(document.held?.map(\.id) == [held])
        #expect(document.held?.first?.raw?.contains("Greater detail on the root cause") == true)
        #expect(document.cases[0].mailMarks?.contains(MailMarkDocument(kind: "message-id", value: "n1@amazon.com")) == true)
        #expect(document.cases[0].mailMarks?.contains(MailMarkDocument(kind: "order", value: "111-2223334-4445556")) == true)
        #expect(document.cases[0].redacted().mailMarks == nil)

        // Restored: the same bytes, the held message under its id, and a new reply in the notice's thread
        // is placed by the marks the backup carried (the restored store never saw the notice's mailbox).
        let restored = try CaseStore(path: tmp.file("b.sqlite"))
        try restored.importDocument(document)
        #expect(try restored.exportDocument().encoded() == exported)
        #expect(try restored.heldMessage(held).raw == Data(Self.reply.utf8))
        let next = Self.reply.replacingOccurrences(of: "Message-ID: <r1@amazon.com>", with: "Message-ID: <r2@amazon.com>")
        let placed = await (try await MailIntake(store: restored, dryRun: false, now: now)).take(item(next))
        #expect(placed.result == .added && placed.caseID == caseID)
        #expect(try await MailIntake.fileHeld(held, caseID: caseID, store: restored, now: now).message.caseID == caseID)

        // A store holding held mail is not empty: an import into it is refused and changes nothing.
        let third = try CaseStore(path: tmp.file("c.sqlite"))
        _ = await (try await MailIntake(store: third, dryRun: false, now: now)).take(item(Self.reply))
        #expect(throws: StoreError.self) { try third.importDocument(document) }
        #expect(try third.caseCount() == 0 && third.heldCount() == 1)

        // A held message's bad date or doubled identity is refused whole.
        for broken in [
            exported.replacingFirst("\"received\" : \"2026-11-15T10:00:00Z\"", with: "\"received\" : \"yesterday\""),
            exported.replacingFirst("\"identity\" : \"message-id:r1@amazon.com\"", with: "\"identity\" : \"message-id:n1@amazon.com\""),
        ] {
            #expect(broken != exported)
            let fourth = try CaseStore(path: tmp.file("d-\(UUID().uuidString).sqlite"))
            #expect(throws: StoreError.self) { try fourth.importDocument(try StoreDocument.decode(broken)) }
            #expect(try fourth.caseCount() == 0 && fourth.heldCount() == 0)
        }
    }

    @Test func aSavedEmailAddedByHandKeepsItsAttachmentsAndIsKnownToTheMailbox() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let caseID = try store.createCase(SuspensionCase(title: "Inauthentic", account: "Blue Harbor Goods LLC", opened: now))
        let before = try store.exportDocument()
        let raw = Data(Self.notice.utf8)
        let stored = try store.addMessage(caseID: caseID, raw: raw, reading: MessageReader().read(raw), now: now)
        let (attachment, bytes) = try store.attachmentData(messageID: stored.message.id, number: 1)
        #expect(attachment.filename == "invoice.pdf" && bytes == Data(base64Encoded: "JVBERi0xLjQK/wA=")!)
        #expect(stored.mailIdentityAdded == "message-id:n1@amazon.com")

        // The mailbox it was saved from, imported later: the notice is not added twice, and the reply in
        // its thread finds the case the seller put it in.
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        #expect(await intake.take(item(Self.notice)).result == .duplicate)
        let reply = await intake.take(item(Self.reply))
        #expect(reply.result == .added && reply.caseID == caseID)
        _ = try store.undoAddMessage(try store.addMessage(caseID: caseID, raw: Data("Plain text, no headers".utf8),
                                                          reading: MessageReader().read(Data("Plain text, no headers".utf8)), now: now))

        // Undone, the hand-added e-mail leaves nothing behind: the mailbox would bring it again.
        let other = try CaseStore(path: tmp.file("t.sqlite"))
        let otherCase = try other.createCase(SuspensionCase(title: "Inauthentic", account: "Blue Harbor Goods LLC", opened: now))
        let otherBefore = try other.exportDocument()
        let added = try other.addMessage(caseID: otherCase, raw: raw, reading: MessageReader().read(raw), now: now)
        _ = try other.undoAddMessage(added)
        #expect(try other.exportDocument() == otherBefore)
        #expect(try other.knowsMail("message-id:n1@amazon.com") == false)
        #expect(try other.attachments(messageID: added.message.id).isEmpty)
        #expect(before.cases.count == 1)
    }

    /// A real import asks the store for marks and identities message by message (memory flat with the
    /// mailbox); a dry run keeps them in memory. Both must route every message of a mailbox the same.
    @Test func aDryRunRoutesAsTheRealImportDoes() async throws {
        let tmp = TemporaryFolder()
        let mailbox = DemoMailbox(cases: 40, seed: 3, now: now)
        let items = mailbox.mails.enumerated().map { MailboxItem(origin: "demo \($0.offset)", raw: $0.element.raw) }
        let dry = try await MailIntake(store: try CaseStore(path: tmp.file("dry.sqlite")), dryRun: true, now: now)
        let real = try await MailIntake(store: try CaseStore(path: tmp.file("real.sqlite")), dryRun: false, now: now)
        // Both ask the store per message; the dry run besides remembers what it would have filed.
        var differences: [String] = []
        for item in items {
            let a = await dry.take(item), b = await real.take(item)
            if a.result != b.result || a.caseID != b.caseID || a.why != b.why {
                differences.append("\(item.origin): dry \(a.summary) (\(a.why)), real \(b.summary) (\(b.why))")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(items.count > 100)
    }

    /// Thunderbird compacts a folder by writing a new file without the deleted messages and renaming it
    /// over the old one; new mail is appended. Either, while an import reads the mbox, makes it read the
    /// file again: nothing is missed and nothing is reported twice.
    @Test func anMboxCompactedOrAppendedWhileReadIsReadAgain() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("s.sqlite"))
        let path = tmp.file("Amazon.mbox")
        func mbox(_ mails: [String]) -> Data {
            Data(mails.map { "From MAILER-DAEMON Tue Nov 10 09:15:00 2026\n" + $0 + "\n" }.joined().utf8)
        }
        let newsletter = "From: news@example.com\nSubject: Weekly deals\nMessage-ID: <w1@example.com>\n\nBuy now.\n"
        let later = Self.reply.replacingOccurrences(of: "<r1@amazon.com>", with: "<r2@amazon.com>")
            .replacingOccurrences(of: "Sun, 15 Nov 2026", with: "Mon, 16 Nov 2026")
        try mbox([newsletter, Self.notice, Self.reply]).write(to: URL(fileURLWithPath: path))
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        var outcomes: [MailOutcome] = []
        var notices: [String] = []
        var compacted = false
        try await intake.importMailbox(path, notice: { notices.append($0) }) { outcome in
            outcomes.append(outcome)
            guard !compacted else { return }
            compacted = true
            // Compacted under the reader: the newsletter deleted, a new reply appended, renamed over.
            try? mbox([Self.notice, Self.reply, later]).write(to: URL(fileURLWithPath: path + ".new"))
            _ = rename(path + ".new", path)
        }
        #expect(notices.count == 1 && notices[0].contains("was replaced while it was read"))
        #expect(outcomes.map(\.result) == [.notFromAmazon, .newCase, .added, .added])
        #expect(outcomes.last?.identity == "message-id:r2@amazon.com")
        #expect(try store.history(1).messages.count == 3)

        // Appended to while read, again and again: read again up to three times, then said to run again.
        let growing = tmp.file("growing.mbox")
        try mbox([Self.notice]).write(to: URL(fileURLWithPath: growing))
        var appended = 0
        var failed: [String] = []
        let second = try await MailIntake(store: try CaseStore(path: tmp.file("t.sqlite")), dryRun: false, now: now)
        try await second.importMailbox(growing) { outcome in
            if outcome.result == .failed { failed.append(outcome.why) }
            guard appended < 10, let handle = FileHandle(forWritingAtPath: growing) else { return }
            appended += 1
            handle.seekToEndOfFile()
            handle.write(mbox([Self.reply.replacingOccurrences(of: "<r1@amazon.com>", with: "<g\(appended)@amazon.com>")]))
            handle.closeFile()
        }
        #expect(failed.count == 1 && failed[0].contains("kept changing; run the import again"), "\(failed)")
    }

    @Test func aStoreFromBeforeMailIntakeIsUpgraded() throws {
        let tmp = TemporaryFolder()
        try earlierStore(at: tmp.file("old.sqlite"), upTo: "v4", """
            INSERT INTO suspension_case (id, title, scope, reason, status, status_changed_at, opened_at)
            VALUES (1, 'Old', 'account', 'other', 'open', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
            """)
        let store = try CaseStore(path: tmp.file("old.sqlite"))
        #expect(try store.heldCount() == 0)
        #expect(try store.routingCases().count == 1)
    }

    @Test func theDemoMailboxIsRoutedWithoutAWrongCase() async throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("demo.sqlite"))
        let mailbox = DemoMailbox(cases: 60, seed: 5, now: now)
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        var outcomes: [RoutingFigures.Outcome] = []
        for (n, mail) in mailbox.mails.enumerated() {
            let o = await intake.take(MailboxItem(origin: "demo \(n)", raw: mail.raw))
            outcomes.append(RoutingFigures.Outcome(messageID: mail.messageID, result: o.result.rawValue, caseID: o.caseID))
        }
        let figures = RoutingFigures(mailbox: mailbox, outcomes: outcomes)
        #expect(figures.wrongCase == 0)
        #expect(figures.missed == 0)
        #expect(figures.rightCase > figures.held)
        #expect(figures.messages == mailbox.mails.count)
        #expect(try store.caseCount() == 60)
    }
}

extension Data {
    /// The bytes with the first occurrence of `text` replaced (the same bytes when it does not occur).
    fileprivate func replacingFirst(_ text: String, with other: String) -> Data {
        let string = String(decoding: self, as: UTF8.self)
        guard let range = string.range(of: text) else { return self }
        return Data(string.replacingCharacters(in: range, with: other).utf8)
    }
}
