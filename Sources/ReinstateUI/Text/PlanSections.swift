import Foundation

/// Recognising the section headings of a Plan of Action, so a version can be shown with them marked.
public enum PlanSections {
    /// Headings sellers and Amazon use, lower-cased.
    static let known = [
        "root cause", "root causes", "corrective action", "corrective actions", "preventive measure",
        "preventive measures", "preventative measures", "evidence", "summary", "introduction",
        "supporting documents", "actions taken", "steps taken",
    ]

    /// Whether a line is a heading: a Markdown heading, a known section name, or a short line
    /// ending in a colon.
    public static func isHeading(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 60 else { return false }
        if trimmed.hasPrefix("#") { return true }
        var name = trimmed.lowercased()
        while let last = name.last, last == ":" || last == "." { name.removeLast() }
        while let first = name.first, first.isNumber || first == "." || first == ")" || first == " " { name.removeFirst() }
        if known.contains(name) { return true }
        return trimmed.hasSuffix(":") && trimmed.split(separator: " ").count <= 6
    }
}
