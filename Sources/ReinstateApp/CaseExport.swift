import Foundation
import ReinstateCore
import ReinstateStore

/// One case exported in the formats of `reinstate export --case`: the command and the full-screen UI.
public enum CaseExport {
    public static let formats = ["markdown", "html", "json", "text", "ics"]

    /// The file name extension of a format.
    public static func fileExtension(_ format: String) -> String {
        switch format {
        case "markdown": return "md"
        case "text": return "txt"
        default: return format
        }
    }

    /// Renders a case in a format. `evidenceOf` is the case as stored when `history` is a redacted
    /// copy (whose evidence paths keep only the file name): its files are the ones checked.
    /// With `redacted`, JSON carries no message as received (see `CaseDocument.redacted`).
    public static func render(
        _ history: CaseHistory, format: String, store: CaseStore, now: Date, evidenceOf stored: CaseHistory? = nil,
        redacted: Bool = false
    ) throws -> Data {
        try render(
            history, format: format, now: now, evidenceOf: stored, redacted: redacted,
            attachments: { try store.attachments(of: stored ?? history) },
            document: {
                guard let first = try store.caseDocuments(for: [history]).first else {
                    throw StoreError.notFound(what: "Case \(history.suspensionCase.id)")
                }
                return first
            })
    }

    /// Renders a case in a format from what a store read, whichever store: `attachments` are those
    /// kept with its messages (markdown, html), `document` the case as its JSON document (json).
    public static func render(
        _ history: CaseHistory, format: String, now: Date, evidenceOf stored: CaseHistory? = nil, redacted: Bool = false,
        attachments: () throws -> [Int64: [StoredAttachment]], document: () throws -> CaseDocument
    ) throws -> Data {
        var settings = ExportSettings(
            now: now, zone: .current,
            evidence: format == "markdown" || format == "html" ? EvidenceFiles.check([stored ?? history]) : [:])
        if format == "markdown" || format == "html" {
            let kept = try attachments()
            settings.attachments = redacted ? ExportSettings.namesLeftOut(kept) : kept
        }
        switch format {
        case "markdown": return Data(MarkdownExport.render(history, settings: settings).utf8)
        case "html": return Data(HTMLExport.render(history, settings: settings).utf8)
        case "ics": return Data(ICalendarExport.render([history], settings: settings).utf8)
        case "text":
            guard let plan = PlainTextPlan.latest(of: history) else {
                throw StoreError.invalid("Case \(history.suspensionCase.id) has no Plan of Action version to export as text.")
            }
            return Data(PlainTextPlan.text(of: plan).utf8)
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let first = try document()
            return JSONSafety.escapingControls(try encoder.encode(redacted ? first.redacted() : first) + Data([0x0A]))
        default:
            throw StoreError.invalid("Unknown format \(format); choose one of \(formats.joined(separator: ", ")).")
        }
    }
}
