using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WorkflowHost.UiTests;

/// <summary>Filling a form rendered by form-js the way a person does: by each field's label.</summary>
public sealed class FormJs(IPage page)
{
    private ILocator Form => page.Locator("[data-testid=task-form] .fjs-form");

    public Task WaitAsync() => Form.WaitForAsync();

    /// <summary>The input of a field by its label; a required field's label ends in form-js's asterisk.</summary>
    private ILocator Field(string label) => Form.GetByLabel(new Regex("^" + Regex.Escape(label) + @"\s*\*?$"));

    /// <summary>
    /// Types into a text field and leaves it, until the form holds the text. form-js takes input debounced, and a change
    /// of the field before landing late re-renders the form with the state it has: text typed meanwhile can be dropped
    /// on a loaded machine. A person sees that and types again; so does this.
    /// </summary>
    public async Task TextAsync(string label, string value)
    {
        var input = Field(label);
        for (var attempt = 1; ; attempt++)
        {
            await input.FillAsync(value);
            await input.PressAsync("Tab");
            await page.WaitForTimeoutAsync(400); // past form-js's input debounce, so that a late re-render shows here
            if (await input.InputValueAsync() == value) return;
            if (attempt == 3) { await Assertions.Expect(input).ToHaveValueAsync(value); return; }
        }
    }

    public Task NumberAsync(string label, decimal value) => TextAsync(label, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A form-js date field (flatpickr underneath): typed in the browser locale's format, which the field shows as its
    /// placeholder (mm/dd/yyyy in en-US), and left with Tab (Enter would submit the form).
    /// </summary>
    public async Task DateAsync(string label, DateOnly date)
    {
        var input = Field(label);
        var placeholder = await input.GetAttributeAsync("placeholder") ?? "mm/dd/yyyy";
        var format = placeholder.Replace("mm", "MM").Replace("dd", "dd").Replace("yyyy", "yyyy");
        await input.FillAsync(date.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// <summary>A radio button by the option's label.</summary>
    public Task ChooseAsync(string optionLabel) => Form.GetByLabel(optionLabel, new() { Exact = true }).CheckAsync();

    /// <summary>A form-js select (a searchable drop-down, not a native select): open it and click the option.</summary>
    public async Task SelectAsync(string label, string optionLabel)
    {
        var field = Form.Locator(".fjs-form-field", new() { Has = page.Locator("label", new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + @"\s*\*?$") }) });
        var item = field.Locator(".fjs-dropdownlist-item", new() { HasTextString = optionLabel }).First;
        // Focus alone opens the list (after a Tab from the field before it), and a click then closes it: open it only when shut.
        for (var attempt = 1; ; attempt++)
        {
            if (!await item.IsVisibleAsync()) await field.Locator(".fjs-input-group").ClickAsync();
            try
            {
                await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3) { }
        }
        await item.ClickAsync();
    }
}
