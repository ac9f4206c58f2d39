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

    /// <summary>Types into a text field and leaves it (the page gives form-js each keystroke at once, undebounced).</summary>
    public async Task TextAsync(string label, string value)
    {
        var input = Field(label);
        await input.FillAsync(value);
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(value);
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
        // On a Chinese page the placeholder reads 月/日/年 (form-texts.js) in the same order.
        var format = placeholder.Replace("年", "yyyy").Replace("月", "MM").Replace("日", "dd").Replace("mm", "MM");
        await input.FillAsync(date.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// <summary>A radio button by the option's label.</summary>
    public Task ChooseAsync(string optionLabel) => Form.GetByLabel(optionLabel, new() { Exact = true }).CheckAsync();

    /// <summary>
    /// A form-js select (a drop-down, not a native select): focus opens its list (a click would toggle it, and a Tab
    /// from the field before may already have opened it), then the option is clicked.
    /// </summary>
    public async Task SelectAsync(string label, string optionLabel)
    {
        var field = Form.Locator(".fjs-form-field", new() { Has = page.Locator("label", new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + @"\s*\*?$") }) });
        await field.Locator(".fjs-select-hidden-input").FocusAsync();
        var item = field.Locator(".fjs-dropdownlist-item", new() { HasTextString = optionLabel }).First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Assertions.Expect(field.Locator(".fjs-select-display")).ToContainTextAsync(optionLabel);
    }
}
