import Foundation

/// Open deadlines as an iCalendar file, so they reach the seller's phone calendar. Each deadline is a
/// VEVENT at its due instant with a stable UID (`deadline-<id>@reinstate`), so importing a newer export
/// updates the event instead of adding a second one, and two alarms: 3 days and 1 day before.
public enum ICalendarExport {
    /// The product identifier written into every file.
    public static let productID = "-//Reinstate//Reinstate deadlines//EN"

    /// The calendar of every open deadline of `histories`, in due order. DTSTAMP is `settings.now`.
    public static func render(_ histories: [CaseHistory], settings: ExportSettings) -> String {
        var open: [(Deadline, CaseHistory)] = []
        for h in histories {
            for d in openDeadlines(of: h) { open.append((d, h)) }
        }
        open.sort { inCalendarOrder($0.0, $1.0) }
        var text = calendarHead
        for (d, h) in open { text += event(d, of: h, settings: settings) }
        return text + calendarFoot
    }

    // MARK: - The calendar in pieces

    // `render` is these pieces: the head, one event an open deadline in calendar order, the foot. A
    // whole-store export writes them as it reads the cases, so it never holds more than a few.

    /// The deadlines of a case that get an event.
    public static func openDeadlines(of h: CaseHistory) -> [Deadline] {
        h.deadlines.filter(\.isOpen)
    }

    /// The order of the events: by due instant, then by id.
    public static func inCalendarOrder(_ a: Deadline, _ b: Deadline) -> Bool {
        (a.due, a.id) < (b.due, b.id)
    }

    /// Everything before the first event.
    public static var calendarHead: String {
        var w = ICalendarWriter()
        w.property("BEGIN", raw: "VCALENDAR")
        w.property("VERSION", raw: "2.0")
        w.property("PRODID", text: productID)
        w.property("CALSCALE", raw: "GREGORIAN")
        w.property("METHOD", raw: "PUBLISH")
        w.property("X-WR-CALNAME", text: "Reinstate deadlines")
        return w.text
    }

    /// The event of one open deadline of `h`.
    public static func event(_ d: Deadline, of h: CaseHistory, settings: ExportSettings) -> String {
        var w = ICalendarWriter()
        event(d, of: h, settings: settings, into: &w)
        return w.text
    }

    /// The end of the calendar.
    public static var calendarFoot: String {
        var w = ICalendarWriter()
        w.property("END", raw: "VCALENDAR")
        return w.text
    }

    /// The UID of a deadline's event: stable across exports.
    public static func uid(of deadline: Deadline) -> String {
        "deadline-\(deadline.id)@reinstate"
    }

    static func event(_ d: Deadline, of h: CaseHistory, settings: ExportSettings, into w: inout ICalendarWriter) {
        let c = h.suspensionCase
        let summary = "Amazon deadline: case \(c.id) \u{2013} \(TerminalSafe.singleLine(c.title))"
        w.property("BEGIN", raw: "VEVENT")
        w.property("UID", raw: uid(of: d))
        w.property("DTSTAMP", utc: settings.now)
        w.property("DTSTART", utc: d.due)
        w.property("SUMMARY", text: summary)
        w.property("DESCRIPTION", text: description(d, of: h))
        w.property("TRANSP", raw: "TRANSPARENT")
        w.property("CATEGORIES", text: "Reinstate")
        for (trigger, words) in [("-P3D", "in 3 days"), ("-P1D", "tomorrow")] {
            w.property("BEGIN", raw: "VALARM")
            w.property("ACTION", raw: "DISPLAY")
            w.property("TRIGGER", raw: trigger)
            w.property("DESCRIPTION", text: "Due \(words): \(summary)")
            w.property("END", raw: "VALARM")
        }
        w.property("END", raw: "VEVENT")
    }

    static func description(_ d: Deadline, of h: CaseHistory) -> String {
        let c = h.suspensionCase
        var lines = [
            "Case \(c.id): \(TerminalSafe.singleLine(c.title))",
            "Account: \(c.account.isEmpty ? "–" : TerminalSafe.singleLine(c.account)) \(c.marketplace)",
            "Status: \(c.status.label)",
            "Amazon wrote: \u{201C}\(TerminalSafe.singleLine(d.rule.text))\u{201D} (due \(Timestamp.utc(d.due)))",
        ]
        let open = h.unanswered
        if open.isEmpty {
            lines.append("No requested detail is unanswered.")
        } else {
            lines.append("Unanswered requested details (\(open.count)):")
            for r in open { lines.append("- [\(r.aspect.label)] \(TerminalSafe.singleLine(r.text))") }
        }
        return lines.joined(separator: "\n")
    }
}
