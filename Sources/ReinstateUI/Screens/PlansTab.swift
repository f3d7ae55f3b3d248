import ReinstateCore

/// The plans tab: every version with its state and the reply that followed a submission.
enum PlansTab {
    static let columns = [
        TableColumn("", width: 1),
        TableColumn("Version", width: 7),
        TableColumn("State", width: 26),
        TableColumn("Written", width: 16),
        TableColumn("Reply that followed", width: 12, flexible: true),
    ]

    /// The first message from Amazon after a submission, if any.
    static func reply(to plan: PlanVersion, in file: CaseHistory) -> AmazonMessage? {
        guard let submitted = plan.submitted else { return nil }
        return file.messages.filter { $0.received >= submitted }.min { $0.received < $1.received }
    }

    static func draw(_ view: CaseViewState, state: AppState, in frame: inout Frame) {
        let layout = state.layout
        let zone = state.options.timeZone
        let widths = Table.widths(columns, total: frame.width - 1)
        Table.drawHeader(columns, widths: widths, x: 1, y: layout.tabTop, in: &frame)
        CaseViewScreen.drawRows(
            count: view.plans.count, scroll: view.scroll(.plans), top: layout.tabTop + 1, visible: layout.tabRows - 1,
            empty: "No plan yet: press p to write the first draft.", in: &frame
        ) { index, y, frame in
            let plan = view.plans[index]
            let stateSpan = plan.submitted.map { Span("submitted " + Timestamp.local($0, zone: zone), .good) } ?? Span("draft", .warning)
            var replyText = Span("", .muted)
            if let reply = reply(to: plan, in: view.file) {
                let subject = reply.subject.isEmpty ? TimelineEntry.firstLine(of: reply.text) : reply.subject
                replyText = Span("\(Timestamp.day(reply.received, zone: zone)) \(reply.kind.rawValue): \(subject)")
            } else if plan.submitted != nil {
                replyText = Span("no reply yet", .muted)
            }
            Table.draw([
                Span(view.pickedVersion == plan.number ? "◆" : " ", .heading), Span("v\(plan.number)", Style(bold: true)),
                stateSpan, Span(Timestamp.local(plan.created, zone: zone), .muted), replyText,
            ], columns: columns, widths: widths, x: 1, y: y, in: &frame)
        }
    }
}
