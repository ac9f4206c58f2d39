using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Localization;
using TechTransfer;

namespace WorkflowHost.Localization;

/// <summary>
/// A refusal in the reader's language (the current UI culture): a title by status, and a sentence by the refusal's
/// stable code that names fields by their labels, never their keys (<c>ProblemText.resx</c>). Where a language has no
/// sentence for a code, the domain's own (English) message is kept. The code and the field keys stay in the problem
/// details for programs; only the texts change with the language.
/// </summary>
public static class ProblemMessages
{
    /// <summary>The refusal texts (ProblemText*.resx); read directly by code that has no localizer at hand (the form check).</summary>
    public static readonly ResourceManager Resources = new("WorkflowHost.Localization.ProblemText", typeof(ProblemText).Assembly);

    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>Puts the request's culture back for an exception handler: it runs outside the localization middleware,
    /// whose culture does not flow back out to it, but the request keeps what that middleware chose.</summary>
    public static void UseRequestCulture(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>()?.RequestCulture is not { } chosen) return;
        CultureInfo.CurrentCulture = chosen.Culture;
        CultureInfo.CurrentUICulture = chosen.UICulture;
    }

    private static string? Text(string name) => Resources.GetString(name, Culture);

    /// <summary>A named sentence of ProblemText in the reader's language, formatted with <paramref name="args"/>.</summary>
    public static string Sentence(string name, params object[] args) => string.Format(Culture, Text(name) ?? name, args);

    /// <summary>"请求有误" / "Not found"...: the title of a status.</summary>
    public static string Title(int status) => Text($"Title_{status}") ?? Text("Title_400")!;

    /// <summary>A field's label: "variables.questions" and "inventors[1].share" are named by their first key.</summary>
    public static string Label(string field)
    {
        var key = field.StartsWith("variables.", StringComparison.Ordinal) ? field["variables.".Length..] : field;
        key = key.Split('[', '.')[0];
        return key.Length > 0 && Text($"Field_{key}") is { } label ? label : key;
    }

    /// <summary>The sentence for a refusal: the code's own (its {0} the fields' labels), else <paramref name="message"/>;
    /// prefixed with the field's label when the sentence does not name it.</summary>
    public static string Describe(string code, string message, IReadOnlyList<string> fields)
    {
        var labels = string.Join(Text("List_Separator") ?? ", ", fields.Select(Label));
        if (Text($"Problem_{code}") is { } sentence)
            return sentence.Contains("{0}", StringComparison.Ordinal) ? string.Format(Culture, sentence, labels) : Prefixed(fields, sentence);
        return Prefixed(fields, message);
    }

    /// <summary>A validator's diagnostic (BPMN001..., TT001) in the reader's language: the code's sentence where the
    /// language has one (the element is named beside it, and marked on the diagram), else the engine's own message.</summary>
    public static string Diagnostic(string code, string message) => Text($"Diagnostic_{code}") ?? message;

    /// <summary>A domain refusal's sentence.</summary>
    public static string Describe(TechTransferException e) => Describe(e.Code, e.Message, e.Fields);

    private static string Prefixed(IReadOnlyList<string> fields, string sentence) =>
        fields.Count == 1 ? string.Format(Culture, Text("Field_Message") ?? "{0}: {1}", Label(fields[0]), sentence) : sentence;
}
