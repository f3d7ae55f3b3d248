/// Messages the command-line suites share, written by us in the shape Amazon uses.
enum MessageFixtures {
    /// A reply asking for greater detail on root cause, actions and prevention, with a 14-day window
    /// counted from the original notification.
    static let customerServiceReply = """
        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of unresponsive or poor customer service.
        – Greater detail on the actions you have taken to resolve unresponsive or poor customer service.
        – Greater detail on the steps you have taken to prevent unresponsive or poor customer service going forward.
        If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.
        """
}
