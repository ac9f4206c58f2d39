using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// Issue 18's "done when": one whole case walked in Chinese (disclosure → screening → assessment → application →
/// transfer file → committee → public notice → contract → 备案), every role on its own pages, and on each page it visits a
/// check that fails on any English word a user can see outside what users typed (<see cref="EnglishOnAsync"/>).
/// On the way: a co-inventor without an account is named on the disclosure, the inbox's college drop-down is clicked,
/// and the dashboard's bars are visible. Shares the journey's host; the notice's window passes on the test clock.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ChineseWalkTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private DateOnly Today => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

    /// <summary>What may be Latin on a Chinese page: product and format names, and the ids the test itself typed.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "BPMN", "Excel", "PDF", "ZIP", "CSV", "PCT", "IPC", "MB", "KB", "Hangfire", "English" };

    [Fact]
    public async Task A_whole_case_walked_in_Chinese_shows_no_English_word_on_any_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var college = $"光电学院{suffix}";
        var inventorEmail = $"zh-inventor-{suffix}@walk.example.edu";
        var managerEmail = $"zh-manager-{suffix}@walk.example.edu";
        var chairEmail = $"zh-chair-{suffix}@walk.example.edu";
        var adminEmail = $"zh-admin-{suffix}@walk.example.edu";
        var committee = $"zh-{suffix}";
        var allowed = new HashSet<string>(Allowed, StringComparer.OrdinalIgnoreCase) { suffix }; // not the committee's code: people read its name
        await host.CreateUserAsync(inventorEmail, "陈发明", "zh-CN", "inventor");
        await host.CreateUserAsync(managerEmail, "王经理", "zh-CN", "technology-manager");
        var chairId = await host.CreateUserAsync(chairEmail, "李主任", "zh-CN", "committee-member", "committee-chair");
        await host.CreateUserAsync(adminEmail, "赵管理员", "zh-CN", "system-administrator");
        await host.CreateCommitteeAsync(committee, "科技成果转化专家委员会", chairId);

        // The inventor files the disclosure with a co-inventor who has no account yet, and submits it.
        var inventor = await host.SignInAsync(inventorEmail, UiHost.UserPassword);
        await host.GotoAsync(inventor, "inventions");
        await AssertNoEnglishAsync(inventor, allowed);
        await inventor.Locator("[data-testid=invention-new]").ClickAsync();
        await Assertions.Expect(inventor).ToHaveURLAsync(new Regex("/inventions/new$"));
        await UiHost.Input(inventor, "field-title").FillAsync("低损耗硅光波导");
        await UiHost.Input(inventor, "field-field").FillAsync("光电子");
        await UiHost.Input(inventor, "field-college").FillAsync(college);
        await UiHost.Input(inventor, "field-abstract").FillAsync("一种使传播损耗减半的波导结构。");
        await UiHost.Input(inventor, "field-prior-art").FillAsync("热氧化包层脊形波导。");
        await UiHost.Input(inventor, "field-uses").FillAsync("光收发模块；激光雷达。");
        await UiHost.Input(inventor, "inventor-share-1").FillAsync("70");
        await inventor.Locator("[data-testid=inventor-add]").ClickAsync();
        await UiHost.SetAsync(UiHost.Input(inventor, "inventor-without-account-2"), true);
        await UiHost.Input(inventor, "inventor-name-2").FillAsync("王五");
        await UiHost.Input(inventor, "inventor-college-2").FillAsync("材料学院");
        await UiHost.Input(inventor, "inventor-email-2").FillAsync($"wangwu-{suffix}@walk.example.edu");
        await UiHost.Input(inventor, "inventor-share-2").FillAsync("30");
        await Assertions.Expect(inventor.Locator("[data-testid=inventors-total]")).ToContainTextAsync("100%");
        await AssertNoEnglishAsync(inventor, allowed);
        await inventor.Locator("[data-testid=editor-submit]").ClickAsync();
        await Assertions.Expect(inventor).ToHaveURLAsync(new Regex("/inventions/[0-9a-f-]{36}$"));
        var id = Regex.Match(inventor.Url, "inventions/([0-9a-f-]{36})").Groups[1].Value;
        var caseNumber = (await inventor.Locator("[data-testid=invention-case]").InnerTextAsync()).Trim();
        var wang = inventor.Locator("[data-testid=invention-inventor]", new() { HasText = "王五" });
        await Assertions.Expect(wang.Locator("[data-testid=inventor-without-account]")).ToHaveTextAsync("尚未注册账户");
        await Assertions.Expect(wang.Locator("[data-testid=inventor-contact]")).ToContainTextAsync("材料学院");
        await AssertNoEnglishAsync(inventor, allowed);

        // The manager finds the case in the inbox by clicking the college drop-down, then screens, scores, applies, prepares.
        var manager = await host.SignInAsync(managerEmail, UiHost.UserPassword);
        await WaitForTaskAsync(managerEmail, caseNumber, "Task_Screen");
        await host.GotoAsync(manager, "tasks");
        await OpenFiltersAsync(manager);
        await manager.Locator("[data-testid=filter-college]").ClickAsync();
        await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = college }).ClickAsync();
        await manager.Locator("[data-testid=filter-apply]").ClickAsync();
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("college="));
        await Assertions.Expect(manager.Locator("[data-testid=task-case-college]")).ToHaveTextAsync([college]);
        await AssertNoEnglishAsync(manager, allowed);
        await manager.Locator("[data-testid=task-link-Task_Screen]").First.ClickAsync();
        var form = await FormAsync(manager);
        await AssertNoEnglishAsync(manager, allowed);
        await form.ChooseAsync("受理：披露内容完整");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Score");
        await form.NumberAsync("技术价值", 5);
        await form.NumberAsync("市场前景与需求", 4);
        await form.NumberAsync("法律稳定性、可专利性与布局", 4);
        await form.NumberAsync("撰写质量", 3);
        await form.NumberAsync("战略契合度", 4);
        await form.SelectAsync("评估结论", "申请专利");
        await form.TextAsync("申请类型（发明专利、实用新型、PCT 等）", "发明专利");
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Apply");
        await form.TextAsync("申请号", "CN202610123456.7");
        await form.DateAsync("申请日", Today);
        await form.TextAsync("专利号（已授权的）", "ZL202610123456.7");
        await form.DateAsync("授权公告日（已授权的）", Today);
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Prepare");
        await form.SelectAsync("定价方式（《促进科技成果转化法》第十八条）", "协议定价（公示）");
        await form.TextAsync("提请委员会审议的事项", "以协议定价方式独占许可给宁波光学有限公司");
        await form.TextAsync("审议委员会（留空：默认委员会）", committee);
        await form.NumberAsync("资产评估价值（元）", 120000);
        await form.TextAsync("资产评估依据，或不进行资产评估的决定记录", "收益法，五年许可费");
        await form.NumberAsync("拟成交价格（协议定价；元）", 120000);
        await form.TextAsync("拟交易对象（受让方／被许可方；协议定价）", "宁波光学有限公司");
        await form.TextAsync("转化方式（转让、许可、作价投资）", "许可");
        await form.SelectAsync("拟签订的合同类型（决定是否须经领导班子集体决策）", "独占许可");
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        // The chair reviews in the committee room, votes and closes.
        var chair = await host.SignInAsync(chairEmail, UiHost.UserPassword);
        await WaitForTaskAsync(chairEmail, caseNumber, "Task_Vote");
        await host.GotoAsync(chair, "tasks?search=" + Uri.EscapeDataString(caseNumber));
        await AssertNoEnglishAsync(chair, allowed);
        await chair.Locator("[data-testid=task-link-Task_Vote]").First.ClickAsync();
        await Assertions.Expect(chair).ToHaveURLAsync(new Regex("/reviews/case/"));
        await UiHost.WaitInteractiveAsync(chair);
        await Assertions.Expect(chair.Locator("[data-testid=case-file]")).ToContainTextAsync("低损耗硅光波导");
        await AssertNoEnglishAsync(chair, allowed);
        await chair.Locator("[data-testid=conflict-none]").ClickAsync();
        await chair.Locator("[data-testid=vote-approve]").ClickAsync();
        await UiHost.Input(chair, "vote-reason").FillAsync("评估合理，已有受让意向方。");
        await chair.Locator("[data-testid=vote-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=my-vote]")).ToBeVisibleAsync();
        await UiHost.Input(chair, "close-minutes").FillAsync("汇报了转化材料，主任委员同意。");
        await chair.Locator($"[data-testid='attendance-{chairId}']").ClickAsync();
        await chair.Locator("[data-testid=close-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=outcome]")).ToBeVisibleAsync();
        await AssertNoEnglishAsync(chair, allowed);

        // The public notice runs on the pricing page and concludes; the contract is signed and filed for 备案.
        await host.GotoAsync(manager, "pricing/case/" + Uri.EscapeDataString(caseNumber));
        await AssertNoEnglishAsync(manager, allowed);
        host.Pass(UiHost.NoticeWindow);
        await Assertions.Expect(manager.Locator("[data-testid=pricing-status]")).ToHaveTextAsync(new Regex("已成交|已结束|公示期满"));
        await AssertNoEnglishAsync(manager, allowed);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Sign");
        await form.SelectAsync("合同类型", "独占许可");
        await form.TextAsync("成交方（受让方／被许可方）", "宁波光学有限公司");
        await form.NumberAsync("合同金额（元）", 120000);
        await form.DateAsync("合同生效日期", Today);
        await form.DateAsync("许可期限起始日", Today);
        await form.DateAsync("许可期限届满日", Today.AddYears(5));
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_File");
        await form.DateAsync("提交日期", Today);
        await form.TextAsync("提交回执编号", "备案-2026-0042");
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Decision");
        await form.ChooseAsync("准予备案／登记");
        await form.DateAsync("决定（登记）日期", Today);
        await AssertNoEnglishAsync(manager, allowed);
        await CompleteAsync(manager);

        // The file as the office and as the inventor read it; the dashboard as an administrator reads it, its bars visible.
        await host.GotoAsync(manager, $"inventions/{id}");
        await Assertions.Expect(manager.Locator("[data-testid='decision-filing.decided']")).ToBeVisibleAsync();
        await AssertNoEnglishAsync(manager, allowed);
        await host.GotoAsync(inventor, $"inventions/{id}");
        await Assertions.Expect(inventor.Locator("[data-testid='decision-agreement.signed']")).ToBeVisibleAsync();
        await AssertNoEnglishAsync(inventor, allowed);
        var admin = await host.SignInAsync(adminEmail, UiHost.UserPassword);
        await host.GotoAsync(admin, "admin");
        await AssertBarsVisibleAsync(admin, "dashboard-per-stage");
        await AssertNoEnglishAsync(admin, allowed);
        Assert.True(_english.Count == 0, string.Join("\n", _english));
    }

    /// <summary>
    /// Fails on any Latin word of two letters or more the page shows (its visible text, the labels and placeholders of
    /// its fields, and its title), outside emails, case and patent numbers and <paramref name="allowed"/>.
    /// </summary>
    private readonly List<string> _english = [];

    /// <summary>Notes the page's English (every page of the walk is checked; the test fails at its end with all of them).</summary>
    private async Task AssertNoEnglishAsync(IPage page, IReadOnlySet<string> allowed)
    {
        if (await EnglishOnAsync(page, allowed) is { } found) _english.Add(found);
    }

    internal static async Task<string?> EnglishOnAsync(IPage page, IReadOnlySet<string> allowed)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var text = await page.EvaluateAsync<string>("""
            () => [document.title, document.body.innerText,
                   ...[...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map(e => e.placeholder),
                   ...[...document.querySelectorAll('[aria-label]')].filter(e => e.offsetParent !== null).map(e => e.getAttribute('aria-label'))].join('\n')
            """);
        var cleaned = Regex.Replace(text, @"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+", " "); // emails, addresses
        foreach (var id in allowed) cleaned = cleaned.Replace(id, " ", StringComparison.Ordinal); // the ids the test typed
        cleaned = Regex.Replace(cleaned, @"(?<![\w.])\.[a-z]{2,5}\b", " "); // file types (.pdf, .docx)
        cleaned = Regex.Replace(cleaned, @"\b[A-Z]{2,}-\d{4}-\d+\b|\b(ZL|CN)\d{9,13}\.[\dX]\b|\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\b", " ");
        var words = Regex.Matches(cleaned, "[A-Za-z]{2,}").Select(m => m.Value).Where(w => !allowed.Contains(w)).Distinct().ToList();
        if (words.Count == 0) return null;
        var lines = cleaned.Split('\n').Where(l => words.Any(w => Regex.IsMatch(l, $@"\b{w}\b"))).Distinct().Take(15);
        return $"{page.Url} shows English: {string.Join(", ", words)}\n  {string.Join("\n  ", lines)}";
    }

    private static async Task AssertBarsVisibleAsync(IPage page, string chart)
    {
        await Assertions.Expect(page.Locator($"[data-testid={chart}] svg").First).ToBeVisibleAsync();
        // A bar is there to be seen: a filled shape of some height, opaque, not the page's white (grid lines are strokes).
        var shapes = await page.Locator($"[data-testid={chart}] svg path, [data-testid={chart}] svg rect").EvaluateAllAsync<string[]>("""
            shapes => shapes.map(b => {
                const s = getComputedStyle(b), box = b.getBBox();
                // MudChart draws a bar as a stroked line: its thickness is the stroke's width, its colour the stroke's.
                const stroked = s.stroke !== 'none' && parseFloat(s.strokeWidth) > box.width;
                const width = stroked ? parseFloat(s.strokeWidth) : box.width, colour = stroked ? s.stroke : s.fill;
                const opacity = parseFloat(s.opacity) * parseFloat((stroked ? s.strokeOpacity : s.fillOpacity) || '1');
                const seen = box.height >= 4 && width >= 4 && opacity >= 0.8 && colour !== 'none'
                    && !/rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/.test(colour);
                return `${seen ? 'seen' : 'faint'} ${b.getAttribute('class')} ${Math.round(width)}x${Math.round(box.height)} ${colour} opacity ${opacity}`;
            })
            """);
        Assert.True(shapes.Any(s => s.StartsWith("seen", StringComparison.Ordinal)), $"{chart} has no visible bar:\n{string.Join("\n", shapes)}");
    }

    private static async Task OpenFiltersAsync(IPage page)
    {
        var toggle = page.Locator("[data-testid=filters-toggle]");
        if (await toggle.CountAsync() > 0 && await toggle.IsVisibleAsync() && !await page.Locator("[data-testid=filter-college]").IsVisibleAsync())
            await toggle.ClickAsync();
    }

    private async Task<FormJs> OpenTaskAsync(IPage page, string email, string caseNumber, string elementId)
    {
        await WaitForTaskAsync(email, caseNumber, elementId);
        await host.GotoAsync(page, "tasks?search=" + Uri.EscapeDataString(caseNumber));
        await page.Locator($"[data-testid=task-link-{elementId}]").First.ClickAsync();
        return await FormAsync(page);
    }

    private static async Task<FormJs> FormAsync(IPage page)
    {
        await UiHost.WaitInteractiveAsync(page);
        var form = new FormJs(page);
        await form.WaitAsync();
        return form;
    }

    private async Task WaitForTaskAsync(string email, string caseNumber, string elementId)
    {
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        await UiHost.WaitForTaskAsync(api, caseNumber, elementId);
    }

    private static async Task CompleteAsync(IPage page)
    {
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
    }
}
