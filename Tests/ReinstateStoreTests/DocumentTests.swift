import Foundation
import ReinstateCore
import Testing
@testable import ReinstateStore

@Suite struct DocumentTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    @Test func exportImportExportGivesTheSameBytes() throws {
        let tmp = TemporaryFolder()
        let first = try CaseStore(path: tmp.file("a.sqlite"))
        try first.fillDemo(count: 40, seed: 3, now: now)
        // Bytes that are not UTF-8 survive too.
        let id = try first.createCase(SuspensionCase(title: "<b>&\"wide\" 中文</b>", opened: now))
        let binary = Data([0xFF, 0xFE, 0x41, 0x00, 0x1B])
        _ = try first.addMessage(caseID: id, raw: binary, reading: MessageReader().read(binary), now: now)
        try first.addEvidence(caseID: id, path: "/x", size: 1, sha256: "00", at: now)
        // An import checks that each message's text is what its raw message reads as.
        let corrected = try first.addMessage(caseID: id, raw: Data(replyReading().text.utf8), reading: replyReading(), now: now).requests[0]
        try first.editRequest(corrected.id, aspect: .evidence, topic: "invoices")
        let exported = try first.exportDocument().encoded()

        let second = try CaseStore(path: tmp.file("b.sqlite"))
        try second.importDocument(try StoreDocument.decode(exported))
        #expect(try second.exportDocument().encoded() == exported)
        #expect(try second.request(corrected.id).corrected)
        #expect(try second.message(try second.history(id).messages[0].id).raw == Data([0xFF, 0xFE, 0x41, 0x00, 0x1B]))
        #expect(try second.caseSummaries().map(\.id) == (try first.caseSummaries().map(\.id)))
    }

    /// A demo store of 40 cases and cases of every other shape: raw bytes that are not UTF-8, DEL, C1
    /// and bidirectional controls, wide characters, an empty case, a corrected and a waived request,
    /// evidence, notes.
    func storeOfEveryShape(_ tmp: TemporaryFolder) throws -> CaseStore {
        let store = try CaseStore(path: tmp.file("shapes.sqlite"))
        try store.fillDemo(count: 40, seed: 1, now: now)
        let odd = try store.createCase(SuspensionCase(
            title: "<b>&\"wide\" 中文 🚀 \u{202E}rtl\u{202C} del\u{7F} c1\u{85}\u{9B}</b>", account: "Ünïcode GmbH",
            marketplace: "amazon.de", scope: .listings(["B0C1234567", "B0A0000001"]), opened: now))
        _ = try store.addMessage(caseID: odd, raw: Data([0xFF, 0xFE, 0x41, 0x00, 0x1B, 0xC2, 0x85]), reading: MessageReading(text: "?A"), now: now)
        let raw = "Subject: \u{1B}]52;c;SGVsbG8=\u{07} tab\there\r\nline \u{2066}iso\u{2069} \u{061C} \\ / \" end"
        let reply = try store.addMessage(caseID: odd, raw: Data(raw.utf8), reading: replyReading(), now: now)
        try store.editRequest(reply.requests[0].id, aspect: .evidence, topic: "invoices \u{200E}")
        try store.setRequestState(reply.requests[1].id, to: .waived(reason: "Seller Support said so \u{85}"))
        try store.addNote(caseID: odd, text: "Note with / slashes and \u{9B}31m", at: now)
        try store.addEvidence(caseID: odd, path: "/home/x/ü.pdf", size: 3, sha256: "ab", at: now)
        _ = try store.addPlan(caseID: odd, text: "Plan \u{7F} v1", created: now, submitted: now)
        try store.createCase(SuspensionCase(title: "Nothing yet", opened: now))
        return store
    }

    /// The backup as it was made before it was streamed: the whole document, each case read by
    /// itself, encoded at once.
    func wholeDocument(_ store: CaseStore) throws -> Data {
        let ids = try store.caseSummaries().map(\.id).sorted()
        return try StoreDocument(cases: ids.map { try store.caseDocument($0) }).encoded()
    }

    func streamed(_ store: CaseStore, batchSize: Int) throws -> Data {
        try store.withExportSnapshot(batchSize: batchSize) { snapshot in
            var encoder = try StoreDocument.Encoder()
            var out = encoder.head
            try snapshot.forEachHistoryBatch(includingRaw: true) { out += try encoder.cases(snapshot.documents(for: $0)) }
            return out + encoder.foot
        }
    }

    @Test(arguments: [1, 7, 40, 200])
    func theBackupWrittenABatchAtATimeIsTheWholeDocument(batchSize: Int) throws {
        let tmp = TemporaryFolder()
        let store = try storeOfEveryShape(tmp)
        let whole = try wholeDocument(store)
        #expect(try streamed(store, batchSize: batchSize) == whole)
        #expect(try store.exportDocument().encoded() == whole)
        #expect(try StoreDocument.decode(whole).cases.count == 42)
    }

    @Test func anEmptyStoreStreamsTheEmptyDocument() throws {
        let store = try CaseStore()
        let whole = try StoreDocument(cases: []).encoded()
        #expect(String(decoding: whole, as: UTF8.self).contains("\"cases\" : [\n\n  ]"))
        #expect(try streamed(store, batchSize: 3) == whole)
        #expect(try store.exportDocument().encoded() == whole)
    }

    @Test func batchesHoldWhatEachCaseReadAloneHolds() throws {
        let tmp = TemporaryFolder()
        let store = try storeOfEveryShape(tmp)
        let ids = try store.caseSummaries().map(\.id).sorted()
        let alone = try ids.map { try store.history($0) }
        try store.withExportSnapshot(batchSize: 6) { snapshot in
            var withRaw: [CaseHistory] = [], withoutRaw: [CaseHistory] = [], cases: [SuspensionCase] = []
            var sizes: [Int] = []
            try snapshot.forEachHistoryBatch(includingRaw: true) { withRaw += $0; sizes.append($0.count) }
            try snapshot.forEachHistoryBatch(includingRaw: false) { withoutRaw += $0 }
            try snapshot.forEachCaseBatch { cases += $0 }
            #expect(withRaw == alone)
            #expect(sizes == [6, 6, 6, 6, 6, 6, 6])
            #expect(withoutRaw.map(\.messages.count) == alone.map(\.messages.count))
            #expect(withoutRaw.flatMap(\.messages).allSatisfy { $0.raw.isEmpty })
            #expect(cases == alone.map(\.suspensionCase))
            #expect(try snapshot.caseCount() == ids.count)
            let picked = [ids[41], ids[3], ids[3], ids[17]]
            #expect(try snapshot.histories(ids: picked, includingRaw: true) == [alone[3], alone[17], alone[41]])
            let withPlan = try snapshot.casesWithPlan(alone.map(\.suspensionCase))
            #expect(withPlan == Set(alone.filter { !$0.plans.isEmpty }.map(\.suspensionCase.id)))
        }
        #expect(try store.allHistories(includingRaw: true) == alone)
    }

    /// What the export's own body throws (a full disk under the output file) is not a store error.
    @Test func theExportsOwnErrorsComeOutAsTheyAre() throws {
        struct DiskFull: Error, Equatable {}
        let store = try CaseStore()
        try store.fillDemo(count: 3, seed: 1, now: now)
        #expect(throws: DiskFull()) {
            try store.withExportSnapshot { snapshot in try snapshot.forEachHistoryBatch(includingRaw: false) { _ in throw DiskFull() } }
        }
    }

    @Test func importOnlyIntoAnEmptyStoreAndAllOrNothing() throws {
        let store = try CaseStore()
        try store.fillDemo(count: 2, seed: 1, now: now)
        let doc = try store.exportDocument()
        #expect(throws: StoreError.notEmpty(path: ":memory:")) { try store.importDocument(doc) }

        var broken = doc
        broken.cases[1].status = "sleeping"
        let empty = try CaseStore()
        #expect(throws: StoreError.badDocument("case \(broken.cases[1].id): unknown status \"sleeping\"")) { try empty.importDocument(broken) }
        #expect(try empty.caseCount() == 0)
    }

    @Test(arguments: [
        ("not json", "it is not JSON, or not an object"),
        ("{\"format\": \"something-else\", \"version\": 1, \"cases\": []}", "its \"format\" is not \"reinstate-store\""),
        ("{\"format\": \"reinstate-store\", \"version\": 99, \"cases\": []}", "it was written by a newer Reinstate (version 99); update Reinstate"),
    ])
    func badDocumentsAreRefused(_ text: String, _ why: String) {
        #expect {
            try StoreDocument.decode(Data(text.utf8))
        } throws: { error in
            guard case StoreError.badDocument(let message) = error else { return false }
            return message.hasPrefix(why)
        }
    }
}
