import ReinstateCore

/// The skeleton of a first Plan of Action: the three sections Amazon reads for.
public enum PlanTemplate {
    /// A first draft for a case: headings for root cause, corrective actions and preventive measures.
    public static func text(for file: CaseHistory) -> String {
        """
        Root cause:


        Corrective actions:


        Preventive measures:

        """
    }
}
