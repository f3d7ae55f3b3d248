import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

/// `export --all`, written as the cases are read: a batch of cases at a time from one read transaction,
/// each rendered, written out and dropped, so memory stays the same whatever the size of the store.
/// The bytes are those of the whole document rendered at once (the renderers' `render(all:)`, the
/// backup's `encoded()`), which the tests hold it to.
///
/// What needs every case before the first is written is read in passes of its own over the same
/// snapshot: the names a redaction must know, the placeholders in the order the cases give them (for a
/// contents list or a calendar, whose order is not the cases'), where each open deadline falls.
extension Export {
    /// Cases a batch; `REINSTATE_EXPORT_BATCH` makes it smaller for tests, so a few cases cross batches.
    static var batchSize: Int {
        ProcessInfo.processInfo.environment["REINSTATE_EXPORT_BATCH"].flatMap { Int($0) }.map { max(1, $0) }
            ?? CaseStore.exportBatchSize
    }

    func exportAll(_ store: CaseStore) throws {
        try store.withExportSnapshot(batchSize: Self.batchSize) { snapshot in
            switch format {
            // The backup needs no clock (and a bad REINSTATE_NOW never stood in its way).
            case .json: try writeBackup(snapshot)
            case .markdown, .html:
                if let outputDir {
                    try writeEachCase(snapshot, now: try Clock.now(), into: outputDir)
                } else {
                    try writeDocument(snapshot, now: try Clock.now())
                }
            case .text: try writeEachPlan(snapshot, into: outputDir ?? ".")
            case .ics: try writeCalendar(snapshot, now: try Clock.now())
            }
        }
    }

    // MARK: - Formats

    /// The whole-store JSON document; without --redact, the backup `reinstate import` loads.
    func writeBackup(_ snapshot: ExportSnapshot) throws {
        try stream(to: output) { out in
            var redactor = try redactor(for: snapshot)
            // Held mail is a backup's, not a redacted export's: its bytes are the messages as received.
            var encoder = try StoreDocument.Encoder(held: redactor == nil ? try snapshot.heldDocuments() : nil)
            try out.write(encoder.head)
            try snapshot.forEachHistoryBatch(includingRaw: true) { batch in
                var documents = try snapshot.documents(for: Self.redacting(batch, with: &redactor))
                if redactor != nil { documents = documents.map { $0.redacted() } }
                let data = try encoder.cases(documents)
                // DEL, C1 and bidirectional controls as \u escapes, as in every JSON Reinstate writes: safe to
                // print, and it decodes to exactly what the store holds.
                try out.write(JSONSafety.escapingControls(data))
            }
            try out.write(JSONSafety.escapingControls(encoder.foot))
        }
    }

    /// Every case in one Markdown or HTML document: contents list first, then the cases.
    func writeDocument(_ snapshot: ExportSnapshot, now: Date) throws {
        // The contents list shows the titles as redacted, with the placeholders the cases give them in
        // their order: every case is redacted once before the list is written.
        let settings = ExportSettings(now: now, zone: .current)
        let html = format == .html
        var evidence = Self.evidenceChecker()
        try stream(to: output) { out in
            var redactor = try redactor(for: snapshot, placingEveryCase: true)
            let count = try snapshot.caseCount()
            try out.write(html ? HTMLExport.documentHead(count: count, settings: settings)
                : MarkdownExport.documentHead(count: count, settings: settings))
            try snapshot.forEachCaseBatch { cases in
                for var c in cases {
                    if var r = redactor {
                        c.title = r.redact(c.title)
                        redactor = r
                    }
                    try out.write(html ? HTMLExport.contentsEntry(c) : MarkdownExport.contentsEntry(c))
                }
            }
            if html { try out.write(HTMLExport.contentsFoot) }
            try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
                var batchSettings = settings
                batchSettings.evidence = evidence.check(batch)
                batchSettings.attachments = try attachments(in: snapshot, of: batch)
                for h in Self.redacting(batch, with: &redactor) {
                    try out.write(html ? HTMLExport.section(h, settings: batchSettings)
                        : MarkdownExport.section(h, settings: batchSettings))
                }
            }
            if html { try out.write(HTMLExport.pageFoot) }
        }
    }

    /// One Markdown or HTML file a case, DIR/case-ID.EXT, each the many-case document of that case alone.
    func writeEachCase(_ snapshot: ExportSnapshot, now: Date, into folder: String) throws {
        _ = try writeFiles(snapshot, into: folder, plansOnly: false, checkingEvidence: true) { h, evidence, attachments in
            var settings = ExportSettings(now: now, zone: .current, evidence: evidence)
            settings.attachments = attachments
            return format == .html
                ? HTMLExport.render(all: [h], settings: settings) : MarkdownExport.render(all: [h], settings: settings)
        }
    }

    /// One plain-text plan a case, DIR/case-ID.txt; cases without a plan are skipped, and said so first.
    func writeEachPlan(_ snapshot: ExportSnapshot, into folder: String) throws {
        try snapshot.forEachCaseBatch { cases in
            let withPlan = try snapshot.casesWithPlan(cases)
            for c in cases where !withPlan.contains(c.id) {
                printError("note: case \(c.id) has no Plan of Action version; skipped.")
            }
        }
        var redactor = try writeFiles(snapshot, into: folder, plansOnly: true, checkingEvidence: false) { h, _, _ in
            PlainTextPlan.latest(of: h).map(PlainTextPlan.text(of:))
        }
        // What each plan leaves unanswered, after the files, as before. Every placeholder is given by
        // now, so redacting a text again gives what the files show.
        try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
            for var h in batch where PlainTextPlan.latest(of: h) != nil {
                if var r = redactor {
                    h.requests = h.unanswered.map { var u = $0; u.text = r.redact(u.text); return u }
                    redactor = r
                }
                Self.noteUnanswered(h)
            }
        }
    }

    /// Every open deadline of every case as one calendar, in due order across the cases.
    func writeCalendar(_ snapshot: ExportSnapshot, now: Date) throws {
        let settings = ExportSettings(now: now, zone: .current)
        var events: [(due: Date, id: Int64, caseID: Int64)] = []
        try stream(to: output) { out in
            var redactor = try redactor(for: snapshot)
            // Where each event falls: the calendar's order is not the cases'. The same pass gives the
            // placeholders in the cases' order, as redacting them all at once did.
            try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
                for h in Self.redacting(batch, with: &redactor) {
                    for d in ICalendarExport.openDeadlines(of: h) { events.append((d.due, d.id, h.suspensionCase.id)) }
                }
            }
            // ICalendarExport.inCalendarOrder, on what is kept of each deadline.
            events.sort { ($0.due, $0.id) < ($1.due, $1.id) }
            try out.write(ICalendarExport.calendarHead)
            var start = 0
            while start < events.count {
                let chunk = events[start..<min(start + snapshot.batchSize, events.count)]
                start = chunk.endIndex
                let read = try snapshot.histories(ids: chunk.map(\.caseID), includingRaw: false)
                let histories = Dictionary(uniqueKeysWithValues: Self.redacting(read, with: &redactor).map { ($0.suspensionCase.id, $0) })
                for event in chunk {
                    guard let h = histories[event.caseID], let d = h.deadlines.first(where: { $0.id == event.id }) else { continue }
                    try out.write(ICalendarExport.event(d, of: h, settings: settings))
                }
            }
            try out.write(ICalendarExport.calendarFoot)
        }
        printError("\(events.count) open deadline\(events.count == 1 ? "" : "s") in the calendar")
    }

    /// Checks evidence files, saying so before a long one is hashed.
    static func evidenceChecker() -> EvidenceFiles.Checker {
        EvidenceFiles.Checker { path, size in printError("checking the evidence file \(path) (\(size / 1_048_576) MB) …") }
    }

    // MARK: - Redaction

    /// With --redact, the redactor for the whole export: a first pass collects the names of every case
    /// (a placeholder must know them all). With `placingEveryCase`, a second pass redacts every case in
    /// order and drops it, so each placeholder is the one the cases give it in their order even when
    /// the document shows something of every case first.
    func redactor(for snapshot: ExportSnapshot, placingEveryCase: Bool = false) throws -> Redactor? {
        guard redact else { return nil }
        var names = Redactor.NameCollector(extraNames: redactNames)
        try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
            for h in batch { names.collect(h) }
        }
        var redactor = names.redactor()
        if placingEveryCase {
            try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
                for h in batch { _ = redactor.redact(h) }
            }
        }
        return redactor
    }

    static func redacting(_ batch: [CaseHistory], with redactor: inout Redactor?) -> [CaseHistory] {
        guard var r = redactor else { return batch }
        defer { redactor = r }
        return batch.map { r.redact($0) }
    }

    // MARK: - Writing

    /// Writes to the file (whole or not at all: a failure on the way leaves nothing, not even the
    /// temporary file) or to standard output as it comes.
    func stream(to path: String?, _ body: (ExportOutput) throws -> Void) throws {
        guard let path else {
            let out = StandardOutput()
            try body(out)
            try out.flush()
            return
        }
        let file = try AtomicFile.Writer(path: path, overwrite: force, removedOnInterrupt: true, protecting: protectedFiles)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        printError("wrote \(path) (\(file.count) bytes)")
    }

    /// One file a case into `folder`, each written whole; `content` gives nil for a case without one.
    /// Existing files are refused first (all of them, so a refusal writes nothing). Returns the
    /// redactor, with every placeholder the files gave.
    func writeFiles(
        _ snapshot: ExportSnapshot, into folder: String, plansOnly: Bool, checkingEvidence: Bool,
        _ content: (CaseHistory, [Int64: EvidenceCheck], [Int64: [StoredAttachment]]) -> String?
    ) throws -> Redactor? {
        try prepareFolder(folder)
        try refuseExisting(in: folder, snapshot: snapshot, withPlanOnly: plansOnly)
        var redactor = try redactor(for: snapshot)
        var evidence = Self.evidenceChecker()
        var files = 0, bytes = 0
        try snapshot.forEachHistoryBatch(includingRaw: false) { batch in
            let checked = checkingEvidence ? evidence.check(batch) : [:]
            let kept = checkingEvidence ? try attachments(in: snapshot, of: batch) : [:]
            for h in Self.redacting(batch, with: &redactor) {
                guard let text = content(h, checked, kept) else { continue }
                let data = Data(text.utf8)
                try AtomicFile.write(data, to: path(of: h.suspensionCase.id, in: folder), overwrite: force, protecting: protectedFiles)
                files += 1
                bytes += data.count
            }
        }
        printError("wrote \(files) file\(files == 1 ? "" : "s") into \(folder) (\(bytes) bytes)")
        return redactor
    }

    /// The attachments of a batch's messages, their file names left out when redacting.
    func attachments(in snapshot: ExportSnapshot, of batch: [CaseHistory]) throws -> [Int64: [StoredAttachment]] {
        let kept = try snapshot.attachments(of: batch)
        return redact ? ExportSettings.namesLeftOut(kept) : kept
    }

    func path(of caseID: Int64, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("case-\(caseID).\(format.fileExtension)")
    }

    func prepareFolder(_ folder: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw CLIError("\(folder) is a file; --output-dir needs a folder.") }
        } else {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw CLIError("Cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
    }

    /// Files of the export already in the folder are all looked for first, so a refusal writes nothing.
    /// With --force, files that are never replaced (the store, a device, a FIFO, a folder) are refused
    /// first the same way.
    func refuseExisting(in folder: String, snapshot: ExportSnapshot, withPlanOnly: Bool) throws {
        var first: String?
        var existing = 0
        try snapshot.forEachCaseBatch { cases in
            let withPlan = withPlanOnly ? try snapshot.casesWithPlan(cases) : []
            for c in cases where !withPlanOnly || withPlan.contains(c.id) {
                let path = path(of: c.id, in: folder)
                if AtomicFile.storeFiles(options.path).contains(where: { CaseStore.sameFile($0, path) }) {
                    throw CLIError("\(path) is the case store; an export never writes over it. Nothing was written.")
                }
                if let why = FilePlacement.replaceable(path) {
                    throw CLIError("\(path) is not a file Reinstate replaces (\(why)). Nothing was written.")
                }
                var st = stat()
                if !force, lstat(path, &st) == 0 {
                    existing += 1
                    if first == nil { first = path }
                }
            }
        }
        if let first {
            let more = existing > 1 ? " and \(existing - 1) more" : ""
            throw CLIError("\(first)\(more) already exist\(existing > 1 ? "" : "s"); add --force to replace. Nothing was written.")
        }
    }
}
