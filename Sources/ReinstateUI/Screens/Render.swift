/// Draws the whole UI for a state into a new frame of the state's size (bubbletea's `view`). Pure:
/// the same state always gives the same frame.
public func render(_ state: AppState) -> Frame {
    var frame = Frame(width: state.width, height: state.height)
    guard !state.isTooSmall else {
        TooSmallScreen.draw(state, in: &frame)
        return frame
    }
    switch state.screen {
    case .warning: WarningScreen.draw(state, in: &frame)
    case .caseList: CaseListScreen.draw(state, in: &frame)
    case .caseView: CaseViewScreen.draw(state, in: &frame)
    case .pager: PagerScreen.draw(state, in: &frame)
    case .help: HelpScreen.draw(state, in: &frame)
    case .heldMail: HeldMailScreen.draw(state, in: &frame)
    }
    let layout = state.layout
    MessageLine.draw(prompt: state.prompt, message: state.message, y: layout.messageY, in: &frame)
    // Choice keys mean nothing on a text prompt.
    let hidden: Set<Command> = state.prompt?.isChoice == false ? [.previousChoice, .nextChoice] : []
    Footer.draw(state.options.keys, context: state.keyContext, readOnly: state.options.readOnly, hiding: hidden,
                y: layout.footerY, in: &frame)
    return frame
}
