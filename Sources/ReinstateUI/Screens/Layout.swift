/// Where things go on screen for a size; shared by the screens (to draw) and the reducer (to know
/// how many rows a page is and what a click hit).
public struct Layout: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Whether the one-line deadline banner is shown under the title.
    public var banner: Bool

    /// Creates the layout of a size.
    public init(width: Int, height: Int, banner: Bool) {
        self.width = width
        self.height = height
        self.banner = banner
    }

    /// The title bar.
    public var titleY: Int { 0 }
    /// The deadline banner, when shown.
    public var bannerY: Int? { banner ? 1 : nil }
    /// The first row under the title and banner.
    public var bodyTop: Int { banner ? 2 : 1 }
    /// The prompt or status message.
    public var messageY: Int { height - 2 }
    /// The key hints.
    public var footerY: Int { height - 1 }

    // MARK: Case list

    /// The column headings of the case list.
    public var listHeaderY: Int { bodyTop }
    /// The first case row.
    public var listTop: Int { bodyTop + 1 }
    /// How many case rows fit.
    public var listRows: Int { max(1, messageY - listTop) }

    // MARK: Case view

    /// The tab bar.
    public var tabBarY: Int { bodyTop }
    /// The first row of a tab's content.
    public var tabTop: Int { bodyTop + 1 }
    /// Rows for a tab's content.
    public var tabRows: Int { max(1, messageY - tabTop) }
    /// Rows under the requested-details list that show the selected request whole.
    public var requestPaneRows: Int { tabRows >= 12 ? 5 : 0 }
    /// Rows for the requested-details list itself.
    public var requestListRows: Int { max(1, tabRows - requestPaneRows) }

    // MARK: Pager and help

    /// The first text row of the pager and help (they have no banner).
    public var pagerTop: Int { 1 }
    /// Text rows of the pager and help.
    public var pagerRows: Int { max(1, messageY - pagerTop) }
}
