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
        _ = try first.addMessage(caseID: id, raw: Data([0xFF, 0xFE, 0x41, 0x00, 0x1B]), reading: MessageReading(text: "?A"), now: now)
        try first.addEvidence(caseID: id, path: "/x", size: 1, sha256: "00", at: now)
        let corrected = try first.addMessage(caseID: id, raw: Data("reply".utf8), reading: replyReading(), now: now).requests[0]
        try first.editRequest(corrected.id, aspect: .evidence, topic: "invoices")
        let exported = try first.exportDocument().encoded()

        let second = try CaseStore(path: tmp.file("b.sqlite"))
        try second.importDocument(try StoreDocument.decode(exported))
        #expect(try second.exportDocument().encoded() == exported)
        #expect(try second.request(corrected.id).corrected)
        #expect(try second.message(try second.history(id).messages[0].id).raw == Data([0xFF, 0xFE, 0x41, 0x00, 0x1B]))
        #expect(try second.caseSummaries().map(\.id) == (try first.caseSummaries().map(\.id)))
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
