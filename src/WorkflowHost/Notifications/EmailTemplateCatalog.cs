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
        T("public-notice-opened", "zh-CN", "公示开始：{{businessKey}}", "{{recipientName}}，您好：\n{{businessKey}} 的协议定价公示已开始，公示期至 {{dueAt}}。如有异议，请在公示期内提出。"),
        T("public-notice-opened", "en", "Public notice opened: {{businessKey}}", "Hello {{recipientName}},\nthe public notice for {{businessKey}} is open until {{dueAt}}. Objections may be raised until then."),
        T("listing-opened", "zh-CN", "挂牌开始：{{businessKey}}", "{{recipientName}}，您好：\n{{businessKey}} 已在技术交易市场挂牌，挂牌期至 {{dueAt}}。"),
        T("listing-opened", "en", "Listing opened: {{businessKey}}", "Hello {{recipientName}},\n{{businessKey}} is listed on the technology exchange until {{dueAt}}."),
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
