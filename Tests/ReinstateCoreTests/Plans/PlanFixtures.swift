import Foundation
@testable import ReinstateCore

/// Plans and requests written for these tests, in the shapes sellers write them.
enum PlanFixtures {
    static let packaging = "shipments being damaged, incomplete or lost due to improper packaging"
    static let service = "unresponsive or poor customer service"

    /// A good plan with plain headings answering packaging and customer service.
    static let headed = """
        Dear Seller Performance Team,

        Thank you for reviewing our appeal.

        Root cause:
        - Between 2 and 20 October we shipped glassware in single-wall boxes without inner padding, so 23 of our 31 damage complaints came from glasses crushed in transit.
        - Buyer messages were answered by one person, who was away for nine days, so 14 messages waited more than 48 hours.

        Corrective actions:
        - We refunded all 31 affected buyers and repacked the remaining 140 glasses in double-wall boxes with 5 cm of bubble wrap.
        - We answered every open buyer message on 21 October and offered each of the 14 buyers a refund or a replacement.

        Preventive measures:
        - From 1 November every fragile order is packed to our written packing standard, and our warehouse lead checks one box in ten before the 16:00 carrier pickup.
        - Two trained staff now share the inbox on a rota, with a target of a reply within 12 hours, checked every Monday in the performance report.

        Evidence:
        Attached are photos of the new double-wall packing and the message log for October.

        Regards,
        Anna Berg
        """

    static func request(
        _ id: Int64, _ aspect: Aspect, _ topic: String, text: String? = nil, state: RequestState = .unanswered, message: Int64 = 1
    ) -> RequestedDetail {
        let words: String
        switch aspect {
        case .rootCause: words = "Greater detail on the root cause(s) of \(topic)."
        case .correctiveAction: words = "Greater detail on the actions you have taken to resolve \(topic)."
        case .preventiveMeasure: words = "Greater detail on the steps you have taken to prevent \(topic) going forward."
        case .evidence: words = "Greater detail on evidence or examples that demonstrate that your account has complied with our policy."
        case .other: words = topic
        }
        return RequestedDetail(id: id, caseID: 1, messageID: message, text: text ?? words, aspect: aspect, topic: topic, state: state)
    }

    /// The seven requests of the forum thread's first reply, in our fixture's wording.
    static var sevenRequests: [RequestedDetail] {
        [
            request(1, .rootCause, packaging), request(2, .correctiveAction, packaging), request(3, .preventiveMeasure, packaging),
            request(4, .rootCause, service), request(5, .correctiveAction, service), request(6, .preventiveMeasure, service),
            request(7, .evidence, ""),
        ]
    }

    static func history(
        requests: [RequestedDetail] = sevenRequests, plans: [PlanVersion] = [],
        messages: [AmazonMessage] = [message(1, day: 10)], account: String = "Blue Harbor"
    ) -> CaseHistory {
        CaseHistory(
            suspensionCase: SuspensionCase(id: 1, title: "ODR", account: account, opened: day(1)),
            messages: messages, requests: requests, plans: plans)
    }

    static func message(_ id: Int64, day d: Int, kind: MessageKind = .reply) -> AmazonMessage {
        AmazonMessage(id: id, caseID: 1, kind: kind, received: day(d), subject: "", raw: Data(), text: "")
    }

    static func day(_ d: Int) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + Double(d) * 86_400) }

    static func read(_ text: String) -> PlanReading { PlanReader().read(text) }
}

extension Array {
    /// `allSatisfy` without `rethrows`, which `#expect` cannot take apart.
    func all(_ predicate: (Element) -> Bool) -> Bool { allSatisfy(predicate) }
    /// `contains(where:)` without `rethrows`.
    func any(_ predicate: (Element) -> Bool) -> Bool { contains(where: predicate) }
}
