import Foundation

/// What every renderer of an export needs besides the case itself: the moment of the export (for
/// countdowns and DTSTAMP), the zone people read times in, and what the command found on disk.
public struct ExportSettings: Sendable {
    /// The moment of the export; injected so exports are reproducible.
    public var now: Date
    /// The zone times are shown in; each time carries its offset, so the reader is never left guessing.
    public var zone: TimeZone
    /// What checking each evidence file on disk found, by evidence id. Missing entries read "not checked".
    public var evidence: [Int64: EvidenceCheck]
    /// The attachments kept with each message (mail intake), by message id; listed under the message.
    public var attachments: [Int64: [StoredAttachment]] = [:]

    /// Creates settings; the default zone is UTC, which is what tests and shared documents want.
    public init(now: Date, zone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current, evidence: [Int64: EvidenceCheck] = [:]) {
        self.now = now
        self.zone = zone
        self.evidence = evidence
    }

    /// Attachments with their file names left out ("attachment 2"), for a redacted export: a file name
    /// often carries a name or an order id.
    public static func namesLeftOut(_ attachments: [Int64: [StoredAttachment]]) -> [Int64: [StoredAttachment]] {
        attachments.mapValues { list in list.map { a in var a = a; a.filename = "attachment \(a.number)"; return a } }
    }

    /// "invoice.pdf (application/pdf, 11 bytes)": one attachment as an export lists it.
    public func line(of a: StoredAttachment) -> String {
        "\(TerminalSafe.singleLine(a.filename)) (\(a.contentType), \(ExportWords.bytes(Int64(a.size))))"
    }

    /// "2026-11-22 09:30 UTC", "2026-11-22 17:30 UTC+08:00": local time with its offset.
    public func time(_ date: Date) -> String {
        Timestamp.local(date, zone: zone) + " " + Self.offsetLabel(zone.secondsFromGMT(for: date))
    }

    /// "2026-11-22" in the export's zone.
    public func day(_ date: Date) -> String {
        Timestamp.day(date, zone: zone)
    }

    /// "UTC", "UTC+08:00", "UTC-03:30".
    static func offsetLabel(_ seconds: Int) -> String {
        if seconds == 0 { return "UTC" }
        let magnitude = abs(seconds) / 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "UTC" + (seconds < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60)
    }
}
