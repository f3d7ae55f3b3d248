import ReinstateCore
/// The line above the footer: the prompt when one is open (with the cursor after the input), else
/// the last status message. A message that explains an open prompt goes on the row above it.
public enum MessageLine {
    /// Draws the prompt or message on row `y`.
    public static func draw(prompt: Prompt?, message: StatusMessage?, y: Int, in frame: inout Frame) {
        if let prompt {
            if let message, y > 0 { draw(message, y: y - 1, in: &frame) }
            frame.fill(x: 0, y: y, count: frame.width)
            var label = TerminalSafe.singleLine(prompt.label) + ": "
            if prompt.isChoice {
                // The choice stays in view: a long question is cut, never the answer.
                let widest = prompt.choices.map(DisplayWidth.of).max() ?? 0
                label = TextLayout.truncate(label, to: max(8, frame.width - widest - 12))
            }
            var x = frame.write(label, x: 0, y: y, style: .heading)
            if prompt.isChoice {
                let choice = prompt.choices[min(prompt.choice, prompt.choices.count - 1)]
                x += frame.write("‹ ", x: x, y: y, style: .muted)
                x += frame.write(choice, x: x, y: y, style: Style(bold: true, reverse: true))
                x += frame.write(" ›", x: x, y: y, style: .muted)
                frame.write("  \(prompt.choice + 1)/\(prompt.choices.count)", x: x, y: y, style: .muted)
            } else {
                // Show the end of a long input, where the typing happens.
                let room = max(1, frame.width - x - 1)
                var shown = TerminalSafe.singleLine(prompt.input)
                while DisplayWidth.of(shown) > room, !shown.isEmpty { shown.removeFirst() }
                x += frame.write(shown, x: x, y: y)
                frame.cursor = Frame.Position(x: min(x, frame.width - 1), y: y)
            }
        } else if let message {
            draw(message, y: y, in: &frame)
        }
    }

    private static func draw(_ message: StatusMessage, y: Int, in frame: inout Frame) {
        frame.fill(x: 0, y: y, count: frame.width)
        let style: Style = message.isError ? .danger : .plain
        frame.write(TextLayout.truncate(TerminalSafe.singleLine(message.text), to: frame.width), x: 0, y: y, style: style)
    }
}
