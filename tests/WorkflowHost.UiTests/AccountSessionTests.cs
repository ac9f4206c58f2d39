using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>Sessions in the browser (doc/security.md): a password that must be changed first, and pages that end with their session.</summary>
[Collection(UiCollection.Name)]
public sealed class AccountSessionTests : IClassFixture<UiHost>
{
    private readonly UiHost host;

    public AccountSessionTests(UiHost host, ITestOutputHelper output)
    {
        this.host = host.For(output);
    }

    [Fact]
    public async Task A_user_who_must_choose_a_password_is_kept_on_the_account_page_until_they_do_then_signs_in_again()
    {
        // The first administrator's generated password carries this mark; here a user of the test's own gets it.
        var email = AdminScreensTests.Unique("first");
        var id = await host.CreateUserAsync(email, "Chen First", "en", "inventor");
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "workflows.db")}"))
        {
            await db.OpenAsync();
            var mark = db.CreateCommand();
            mark.CommandText = "UPDATE users SET must_change_password = 1 WHERE id = $id";
            mark.Parameters.AddWithValue("$id", id);
            await mark.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var page = await host.SignInAsync(email, UiHost.UserPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.Locator("[data-testid=password-must-change]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "account-must-change-en");
        // Navigating inside the open page leads back too.
        await page.Locator("[data-testid=nav-inventions]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));

        await UiHost.Input(page, "password-current").FillAsync(UiHost.UserPassword);
        await UiHost.Input(page, "password-new").FillAsync("Chosen-By-Chen-2026");
        // The new password is asked twice: a second one that differs is refused beside its field, and nothing changes.
        await UiHost.Input(page, "password-confirm").FillAsync("Chosen-By-Chen-2062");
        await page.Locator("[data-testid=password-change]").ClickAsync();
        await Assertions.Expect(page.GetByText("The second new password differs from the first")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await UiHost.Input(page, "password-confirm").FillAsync("Chosen-By-Chen-2026");
        await page.Locator("[data-testid=password-change]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("account/login\\?changed=1"));
        await Assertions.Expect(page.Locator("[data-testid=login-notice]")).ToBeVisibleAsync();

        var again = await host.SignInAsync(email, "Chosen-By-Chen-2026");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("Welcome");
        await again.Locator("[data-testid=nav-inventions]").ClickAsync();
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/inventions$"));
    }

    [Fact]
    public async Task An_open_page_goes_back_to_sign_in_when_the_user_signs_out_elsewhere()
    {
        var email = AdminScreensTests.Unique("two-tabs");
        await host.CreateUserAsync(email, "Zhou Twotabs", "en", "inventor");
        var page = await host.SignInAsync(email, UiHost.UserPassword);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welcome");

        // The same user signs out somewhere else (here: an API client): every session ends, this open page's too.
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        (await api.PostAsync("api/v1/auth/logout", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("account/login"));
        await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_in_one_tab_ends_the_user_s_other_open_tabs()
    {
        var email = AdminScreensTests.Unique("tabs");
        await host.CreateUserAsync(email, "Wu Tabs", "en", "inventor");
        var first = await host.SignInAsync(email, UiHost.UserPassword);
        // A second tab of the same browser (the same sign-in cookie), open on a page of its own.
        var second = await first.Context.NewPageAsync();
        await host.GotoAsync(second, "inventions");
        await Assertions.Expect(second.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync("Wu Tabs");

        await first.Locator("[data-testid=sign-out]").ClickAsync();
        await Assertions.Expect(first).ToHaveURLAsync(new Regex("account/login"));
        // The other tab is signed out too, at once (the periodic check runs once an hour on this host), and lands on the sign-in page.
        await Assertions.Expect(second).ToHaveURLAsync(new Regex("account/login"));
        await Assertions.Expect(second.Locator("#email")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator("[data-testid=signed-in-user]")).ToHaveCountAsync(0);
    }
}
