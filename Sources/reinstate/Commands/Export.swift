import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

struct Export: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown, html, text, ics

        init?(argument: String) {
            switch argument.lowercased() {
            case "md": self = .markdown
            case "txt": self = .text
            case "ical", "icalendar": self = .ics
            default: self.init(rawValue: argument.lowercased())
            }
        }

        /// The file name extension of one case's file in --output-dir.
        var fileExtension: String { CaseExport.fileExtension(rawValue) }
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one case or the whole store: JSON, Markdown, HTML, plain text, iCalendar.",
        discussion: """
            Formats:
              json      One case with everything the store holds about it (keys sorted). With --all: the \
            whole store as one JSON document, the backup format that `reinstate import` loads; exporting the \
            same store again gives the same bytes.
              markdown  The case history for a consultant or a lawyer: facts, then every notice, reply and \
            plan version whole in time order, each reply's requested details as they stood then and now \
            with what `check` finds (answered, partly, not answered), the check of the latest version, \
            deadlines, notes, evidence (checked against the files on disk).
              html      The same as one self-contained page (no scripts, nothing loaded from outside) that \
            prints on A4 and Letter.
              text      The latest plan version without Markdown marks, ready to paste into Seller Central's \
            appeal form; each unanswered requested detail is noted on stderr.
              ics       Every open deadline as a calendar event with alarms 3 days and 1 day before; \
            importing a newer file updates the events instead of doubling them.

            --all: json and ics give one document of every case. markdown and html give one document \
            with every case (each starting on a new page when printed), or with --output-dir DIR one file \
            per case (DIR/case-ID.md, .html), which is what you hand out case by case. text needs \
            --output-dir (DIR/case-ID.txt, one plan each; cases without a plan are skipped).

            --redact anonymises every format for posting to a forum: account names, the seller's names \
            (as greeted or signed, plus any --redact-name), e-mail addresses, order ids, phone numbers and \
            merchant tokens become placeholders (account-1, Seller A, contact1@example.invalid, \
            111-0000001-0000001, phone-1, merchant-token-1), the same one for the same input throughout the \
            export; evidence paths keep only the file name. Read the result before posting it.

            Text from messages and plans never carries terminal control sequences into an export (the \
            store keeps the exact bytes). Files are written whole or not at all, readable only by you \
            (0600), and never replaced without --force.
            """)

    @OptionGroup var options: StoreOptions
    @Option(name: .customLong("case"), help: "The case to export.") var caseID: Int64?
    @Flag(help: "Export every case.") var all = false
    @Option(help: "The format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).") var format: Format = .json
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: ArgumentHelp("With --all: write one file per case into this folder (markdown, html, text).", valueName: "dir"))
    var outputDir: String?
    @Flag(help: "Anonymise names, e-mail addresses, order ids and phone numbers, for posting to a forum.") var redact = false
    @Option(name: .customLong("redact-name"), help: ArgumentHelp("With --redact: another name to replace (repeatable).", valueName: "name"))
    var redactNames: [String] = []
    @Flag(help: "Replace output files that exist.") var force = false

    func validate() throws {
        if all == (caseID != nil) { throw ValidationError("Give either --case ID or --all.") }
        if output != nil, outputDir != nil { throw ValidationError("Give --output FILE or --output-dir DIR, not both.") }
        if outputDir != nil, !all { throw ValidationError("--output-dir is for --all; for one case use --output FILE.") }
        if outputDir != nil, format == .json || format == .ics {
            throw ValidationError("--format \(format.rawValue) writes one document; use --output FILE.")
        }
        if all, format == .text, outputDir == nil {
            throw ValidationError("--all --format text needs --output-dir DIR: one plan per case, each ready to paste.")
        }
        if !redactNames.isEmpty, !redact { throw ValidationError("--redact-name goes with --redact.") }
    }

    func run() async throws {
        if let caseID {
            try await reporting { try await options.withStore { try await exportOne(caseID, from: $0) } }
            return
        }
        if PostgresAddress.isURL(options.path) {
            try await reporting { try await exportFromPostgres() }
            return
        }
        try reporting { try exportAll(try options.open()) }
    }

    // MARK: - One case

    /// One case, from either store: only what the store contract reads.
    func exportOne(_ caseID: Int64, from store: any StoreContract) async throws {
        let history = try await store.history(caseID)
        var h = history
        if redact {
            var redactor = Redactor.forExport(of: [h], extraNames: redactNames)
            h = redactor.redact(h)
        }
        if format == .text, PlainTextPlan.latest(of: h) == nil {
            throw CLIError(
                "Case \(h.suspensionCase.id) has no Plan of Action version yet; add one with: "
                    + "reinstate poa add --case \(h.suspensionCase.id) FILE")
        }
        var document: CaseDocument? = nil
        if format == .json {
            let stored = try await store.caseDocument(caseID)
            // Redacted, the document is the redacted case's, with when its status changed as stored.
            document = redact ? CaseDocument(h, statusChanged: stored.statusChangedDate ?? history.suspensionCase.opened) : stored
        }
        let data = try CaseExport.render(
            h, format: format.rawValue, now: try Clock.now(), evidenceOf: history, redacted: redact,
            attachments: { history.attachments },
            document: {
                guard let document else { throw StoreError.notFound(what: "Case \(caseID)") }
                return document
            })
        try emit(data, to: output)
        switch format {
        case .text:
            if let plan = PlainTextPlan.latest(of: h) {
                printError("exported plan v\(plan.number) (\(plan.submitted == nil ? "draft" : "submitted"))")
            }
            Self.noteUnanswered(h)
        case .ics:
            let open = ICalendarExport.openDeadlines(of: h).count
            printError("\(open) open deadline\(open == 1 ? "" : "s") in the calendar")
        case .json, .markdown, .html:
            break
        }
    }

    static func noteUnanswered(_ h: CaseHistory) {
        for r in h.unanswered {
            printError(
                "note: case \(h.suspensionCase.id): requested detail #\(r.id) is unanswered: [\(r.aspect.label)] "
                    + TerminalSafe.singleLine(r.text))
        }
    }

    /// The store's own files, which an export never writes over, even with --force.
    var protectedFiles: [String] { AtomicFile.storeFiles(options.path) }

    func emit(_ data: Data, to path: String?) throws {
        if let path {
            try AtomicFile.write(data, to: path, overwrite: force, protecting: protectedFiles)
            printError("wrote \(path) (\(data.count) bytes)")
        } else {
            Output.write(data)
        }
    }
}
