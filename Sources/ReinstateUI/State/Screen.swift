/// The screens of the UI, kept as a stack: the case list at the bottom, then a case, a pager or
/// help on top. `back` pops one.
public enum Screen: Sendable, Equatable {
    /// The deadline warning shown at launch.
    case warning
    case caseList
    case caseView
    /// A message, plan version, diff or request read whole.
    case pager
    /// The keys of the screen below.
    case help
    /// The messages a mail import held, to read and file (`H` on the case list).
    case heldMail
}
