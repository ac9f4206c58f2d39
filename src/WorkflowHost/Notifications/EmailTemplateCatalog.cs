namespace WorkflowHost.Notifications;

/// <summary>
/// The built-in templates, in Simplified Chinese and English, one per event the office is told about.
/// Administrators override them (email_templates); the built-in one is used where no override exists.
/// </summary>
public static class EmailTemplateCatalog
{
    public static readonly string[] Languages = ["zh-CN", "en"];

    /// <summary>Placeholders every template may use.</summary>
    public static readonly string[] Placeholders =
        ["recipientName", "taskName", "processName", "businessKey", "dueAt", "offset", "link", "message", "instanceId"];

    private static EmailTemplate T(string key, string lang, string subject, string body) =>
        new(key, lang, subject, body + "\n\n{{link}}\n", "<p>" + body.Replace("\n", "<br>") + "</p><p><a href=\"{{link}}\">{{link}}</a></p>");

    /// <summary>A board posting's email: the posting's exact text (variable <paramref name="text"/>) and its address on the board (<paramref name="url"/>).</summary>
    private static EmailTemplate Board(string key, string lang, string subject, string body, string text, string url) =>
        new(key, lang, subject, body + "\n\n{{variables." + text + "}}\n\n{{variables." + url + "}}\n",
            "<p>" + body.Replace("\n", "<br>") + "</p><pre style=\"white-space:pre-wrap;font-family:inherit\">{{variables." + text + "}}</pre><p><a href=\"{{variables." + url
            + "}}\">{{variables." + url + "}}</a></p>");

    public static IReadOnlyList<EmailTemplate> Defaults { get; } =
    [
        T("task-assigned", "zh-CN", "新任务：{{taskName}}（{{businessKey}}）", "{{recipientName}}，您好：\n您有一项新任务“{{taskName}}”，截止时间 {{dueAt}}。"),
        T("task-assigned", "en", "New task: {{taskName}} ({{businessKey}})", "Hello {{recipientName}},\nyou have a new task \"{{taskName}}\", due {{dueAt}}."),
        T("task-reminder", "zh-CN", "提醒：{{taskName}} 将于 {{dueAt}} 到期", "{{recipientName}}，您好：\n任务“{{taskName}}”（{{businessKey}}）将在 {{offset}} 后到期（{{dueAt}}），请及时处理。"),
        T("task-reminder", "en", "Reminder: {{taskName}} is due {{dueAt}}", "Hello {{recipientName}},\nthe task \"{{taskName}}\" ({{businessKey}}) is due in {{offset}} ({{dueAt}})."),
        T("task-escalated", "zh-CN", "已逾期，已转负责人督办：{{taskName}}", "{{recipientName}}，您好：\n任务“{{taskName}}”（成果编号 {{businessKey}}）已超过截止时间 {{dueAt}}，已逾期，已转负责人督办。"),
        T("task-escalated", "en", "Escalated: {{taskName}} is overdue", "Hello {{recipientName}},\nthe task \"{{taskName}}\" ({{businessKey}}) passed its due date {{dueAt}} and was escalated."),
        T("decision-made", "zh-CN", "决定已作出：{{businessKey}}", "{{recipientName}}，您好：\n关于 {{businessKey}} 的决定已作出：{{message}}"),
        T("decision-made", "en", "Decision made: {{businessKey}}", "Hello {{recipientName}},\na decision was made on {{businessKey}}: {{message}}"),
// Published inside the unit: the notice as it is on the board, with the board's link (the public may not open the case's pages).
        Board("public-notice-opened", "zh-CN", "协议定价公示：{{variables.noticeTitle}}（{{businessKey}}）",
            "{{recipientName}}，您好：\n{{businessKey}} 的协议定价公示已开始，公示期至 {{variables.noticeEndsAt}}。如有异议，请在公示期内通过公示栏提出。", "noticeText", "noticeUrl"),
        Board("public-notice-opened", "en", "Public notice: {{variables.noticeTitle}} ({{businessKey}})",
            "Hello {{recipientName}},\nthe public notice of the price agreed for {{businessKey}} runs until {{variables.noticeEndsAt}}. Objections may be lodged on the board until then.", "noticeText", "noticeUrl"),
        Board("listing-opened", "zh-CN", "挂牌交易公告：{{variables.listingTitle}}（{{businessKey}}）",
            "{{recipientName}}，您好：\n{{businessKey}} 已挂牌交易，挂牌期至 {{variables.listingEndsAt}}。", "listingText", "listingUrl"),
        Board("listing-opened", "en", "Listing: {{variables.listingTitle}} ({{businessKey}})",
            "Hello {{recipientName}},\n{{businessKey}} is listed until {{variables.listingEndsAt}}.", "listingText", "listingUrl"),
        T("auction-result", "zh-CN", "拍卖结果：{{businessKey}}", "{{recipientName}}，您好：\n{{businessKey}} 的拍卖结果：{{message}}"),
        T("auction-result", "en", "Auction result: {{businessKey}}", "Hello {{recipientName}},\nthe auction of {{businessKey}} ended: {{message}}"),
        T("recordal-deadline", "zh-CN", "备案期限：{{businessKey}}", "{{recipientName}}，您好：\n{{businessKey}} 的许可合同须在 {{dueAt}} 前向国家知识产权局办理专利实施许可合同备案。"),
        T("recordal-deadline", "en", "Recordal deadline: {{businessKey}}", "Hello {{recipientName}},\nthe licence contract of {{businessKey}} must be recorded with the patent office by {{dueAt}}."),
        T("incident-raised", "zh-CN", "流程故障：{{processName}}", "{{recipientName}}，您好：\n流程实例 {{instanceId}} 在“{{taskName}}”处出错：{{message}}"),
        T("incident-raised", "en", "Incident: {{processName}}", "Hello {{recipientName}},\ninstance {{instanceId}} stopped at \"{{taskName}}\": {{message}}"),
    ];

    public static EmailTemplate? Default(string key, string language) =>
        Defaults.FirstOrDefault(t => t.Key == key && t.Language == language) ?? Defaults.FirstOrDefault(t => t.Key == key && t.Language == "en");
}
