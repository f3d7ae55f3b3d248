import Foundation

/// Reads a message from Amazon: kind, requested details, deadline.
///
/// A first, simple reader: bullets of "Greater detail on …" and "within N days" phrases.
/// The full reader (e-mail files, quoted text, languages) replaces this body.
public struct MessageReader: Sendable {
    /// Bumped whenever the reader reads differently, so stored messages can be re-read.
    public static let version = 1

    public init() {}

    public func read(_ data: Data) -> MessageReading {
        var warnings: [String] = []
        let text: String
        if let valid = String(validating: data, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: data, as: UTF8.self)
            warnings.append("the text is not valid UTF-8; unreadable bytes were replaced with �")
        }
        let lower = text.lowercased()
        var kind = MessageKind.other
        if lower.contains("do not have enough information") || lower.contains("received your") {
            kind = .reply
        } else if lower.contains("reactivated") || lower.contains("reinstated") {
            kind = .reinstatement
        } else if lower.contains("deactivated") || lower.contains("suspended") || lower.contains("removed") {
            kind = .notice
        }
        var requested: [ReadRequest] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = Substring(rawLine).trimmingCharacters(in: .whitespaces)[...]
            while let first = line.first, "-–—•*".contains(first) { line = line.dropFirst() }
            let request = line.trimmingCharacters(in: .whitespaces)
            guard request.lowercased().hasPrefix("greater detail on") else { continue }
            requested.append(Self.classify(request))
        }
        var deadline: DeadlineRule? = nil
        if let range = lower.range(of: #"within \d+ (days|hours)( of the original notification)?"#, options: .regularExpression) {
            let phrase = String(text[range])
            let words = phrase.split(separator: " ")
            if words.count >= 3, let amount = Int(words[1]) {
                deadline = DeadlineRule(
                    amount: amount, unit: words[2].hasPrefix("hour") ? .hours : .days,
                    anchor: phrase.lowercased().contains("original notification") ? .originalNotification : .thisMessage,
                    text: phrase)
            }
        }
        return MessageReading(kind: kind, text: text, requested: requested, deadline: deadline, warnings: warnings)
    }

    static func classify(_ request: String) -> ReadRequest {
        let lower = request.lowercased()
        let patterns: [(String, Aspect)] = [
            ("root cause(s) of ", .rootCause), ("root cause of ", .rootCause),
            ("actions you have taken to resolve ", .correctiveAction),
            ("steps you have taken to prevent ", .preventiveMeasure),
            ("evidence", .evidence),
        ]
        for (marker, aspect) in patterns {
            if let r = lower.range(of: marker) {
                var topic = String(request[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                if topic.hasSuffix(".") { topic.removeLast() }
                if topic.lowercased().hasSuffix(" going forward") { topic = String(topic.dropLast(" going forward".count)) }
                return ReadRequest(text: request, aspect: aspect, topic: aspect == .evidence ? "" : topic)
            }
        }
        return ReadRequest(text: request, aspect: .other, topic: "")
    }
}
