import ArgumentParser
import Foundation
import ReinstateCore

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read a message from Amazon without storing it: kind, reasons, deadline, requested details.")

    @Argument(help: "The message file (text or .eml), or - to read standard input.") var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reporting {
            let raw = try InputFile.read(file, what: "message")
            let reading = MessageReader().read(raw)
            for warning in reading.warnings { printError("warning: " + warning) }
            if json {
                try Output.json(ReadingJSON(reading))
                return
            }
            let s = Output.safe
            Output.line("Kind:     \(reading.kind.rawValue)")
            if !reading.subject.isEmpty { Output.line("Subject:  \(s(reading.subject))") }
            if let received = reading.received { Output.line("Received: \(Timestamp.local(received))") }
            Output.line("Reasons:  \(reading.reasons.isEmpty ? "–" : reading.reasons.map(\.label).joined(separator: ", "))")
            if let m = reading.marketplace { Output.line("Market:   \(m)") }
            if let d = reading.deadline {
                let anchor = d.anchor == .originalNotification ? "from the original notification" : "from this message"
                Output.line("Deadline: \(d.amount) \(d.unit.rawValue) \(anchor)  (\"\(s(d.text))\")")
            } else if let d = reading.deadlineDate {
                Output.line("Deadline: \(Timestamp.local(d.date))  (\"\(s(d.text))\")")
            } else {
                Output.line("Deadline: none stated")
            }
            if !reading.asins.isEmpty { Output.line("ASINs:    \(reading.asins.joined(separator: ", "))") }
            if !reading.orderIDs.isEmpty { Output.line("Orders:   \(reading.orderIDs.joined(separator: ", "))") }
            Output.line()
            Output.line("Requested details: \(reading.requested.count)")
            for (i, r) in reading.requested.enumerated() {
                Output.line("  \(i + 1). [\(r.aspect.label)] \(r.alternative?.listPrefix ?? "")\(s(r.text))")
                if !r.topic.isEmpty { Output.line("     topic: \(s(r.topic))") }
            }
        }
    }
}

/// What `reinstate parse --json` prints.
struct ReadingJSON: Encodable {
    struct Deadline: Encodable {
        var amount: Int
        var unit: String
        var anchor: String
        var text: String
    }

    var kind: String
    var subject: String
    var received: String?
    var reasons: [String]
    var marketplace: String?
    var requested: [ReadRequest]
    var deadline: Deadline?
    var asins: [String]
    var orderIds: [String]
    var warnings: [String]

    init(_ r: MessageReading) {
        kind = r.kind.rawValue
        subject = r.subject
        received = r.received.map(Timestamp.utc)
        reasons = r.reasons.map(\.rawValue)
        marketplace = r.marketplace
        requested = r.requested
        deadline = r.deadline.map { Deadline(amount: $0.amount, unit: $0.unit.rawValue, anchor: $0.anchor.rawValue, text: $0.text) }
        asins = r.asins
        orderIds = r.orderIDs
        warnings = r.warnings
    }

    func encode(to encoder: Encoder) throws {
        enum Keys: String, CodingKey { case kind, subject, received, reasons, marketplace, requested, deadline, asins, orderIds, warnings }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(subject, forKey: .subject)
        try c.encode(received, forKey: .received)  // null when unknown, as documented
        try c.encode(reasons, forKey: .reasons)
        try c.encode(marketplace, forKey: .marketplace)
        try c.encode(requested, forKey: .requested)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(asins, forKey: .asins)
        try c.encode(orderIds, forKey: .orderIds)
        try c.encode(warnings, forKey: .warnings)
    }
}
