import Foundation
import Testing

@testable import ReinstateCore

/// Reads a fixture given as text.
func read(_ text: String) -> MessageReading {
    MessageReader().read(Data(text.utf8))
}

/// An e-mail file: header lines and body joined with CRLF, as mail programs save them.
func mailData(_ headers: [String], _ body: String) -> Data {
    let text = headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")
    return Data(text.utf8)
}

/// An e-mail whose body is given as raw bytes (a legacy charset sent as 8bit).
func mailData(_ headers: [String], bytes: [UInt8]) -> Data {
    var data = Data((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    data.append(contentsOf: bytes)
    return data
}

func request(_ text: String, _ aspect: Aspect, _ topic: String) -> ReadRequest {
    ReadRequest(text: text, aspect: aspect, topic: topic)
}

func rule(_ amount: Int, _ unit: DeadlineUnit, _ anchor: DeadlineAnchor, _ text: String) -> DeadlineRule {
    DeadlineRule(amount: amount, unit: unit, anchor: anchor, text: text)
}

/// A reply in the shape of the one in the seeds thread (our own words and topics): en-dash bullets,
/// "Greater detail on …" requests for two topics under three aspects, one evidence request, question
/// headings, and a deadline counted from the original notification.
let packagingReply = """
    Hello,

    Thank you for your submission. We do not yet have enough information to reactivate your selling account. To reactivate it, please send the following:
    – Greater detail on the root cause(s) of parcels arriving crushed, incomplete or opened because of thin packaging.
    – Greater detail on the actions you have taken to resolve parcels arriving crushed, incomplete or opened because of thin packaging.
    – Greater detail on the steps you have taken to prevent parcels arriving crushed, incomplete or opened because of thin packaging going forward.
    – Greater detail on the root cause(s) of customer complaints of unresponsive or poor customer service.
    – Greater detail on the actions you have taken to resolve customer complaints of unresponsive or poor customer service.
    – Greater detail on the steps you have taken to prevent complaints of unresponsive or poor customer service going forward.
    – Greater detail on evidence or examples showing that your business now follows our selling policies.
    How do I send the required information?
    Reply to this e-mail with the details listed above.
    What happens if I do not send the requested information?
    If we do not receive the requested information within 14 days of the original notification, your account will stay deactivated.
    """

let packaging = "parcels arriving crushed, incomplete or opened because of thin packaging"
let service = "unresponsive or poor customer service"

let packagingRequests = [
    request("Greater detail on the root cause(s) of parcels arriving crushed, incomplete or opened because of thin packaging.", .rootCause, packaging),
    request("Greater detail on the actions you have taken to resolve parcels arriving crushed, incomplete or opened because of thin packaging.", .correctiveAction, packaging),
    request("Greater detail on the steps you have taken to prevent parcels arriving crushed, incomplete or opened because of thin packaging going forward.", .preventiveMeasure, packaging),
    request("Greater detail on the root cause(s) of customer complaints of unresponsive or poor customer service.", .rootCause, service),
    request("Greater detail on the actions you have taken to resolve customer complaints of unresponsive or poor customer service.", .correctiveAction, service),
    request("Greater detail on the steps you have taken to prevent complaints of unresponsive or poor customer service going forward.", .preventiveMeasure, service),
    request("Greater detail on evidence or examples showing that your business now follows our selling policies.", .evidence, ""),
]

/// Three "Greater detail" requests about one topic, for the bullet-shape tests.
func lateDeliveryRequests(_ topic: String = "late deliveries") -> [ReadRequest] {
    [
        request("Greater detail on the root cause(s) of \(topic).", .rootCause, topic),
        request("Greater detail on the actions you have taken to resolve \(topic).", .correctiveAction, topic),
        request("Greater detail on the steps you have taken to prevent \(topic) going forward.", .preventiveMeasure, topic),
    ]
}

/// A reply listing those three requests under the given list marks.
func lateDeliveryReply(marks: [String]) -> String {
    let items = [
        "Greater detail on the root cause(s) of late deliveries.",
        "Greater detail on the actions you have taken to resolve late deliveries.",
        "Greater detail on the steps you have taken to prevent late deliveries going forward.",
    ]
    let list = zip(marks, items).map { $0 + $1 }.joined(separator: "\n")
    return """
        Hello,

        We reviewed your appeal but do not have enough information to reinstate your account. Please send the following:
        \(list)

        How do I send the required information?
        Reply to this message.
        """
}
